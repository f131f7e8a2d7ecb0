// Links and link analysis: the phones, agencies, bank accounts and vehicles linked to the case,
// and the network of cases joined by shared persons and links, drawn as SVG with a small force
// layout (plain React, no graph library). Clicking a case node opens that case.
import { ActionIcon, Alert, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage, QueryView } from '../lib/feedback';
import { casesKeys, type CaseDetail } from './api';
import { errorsOf, opt } from './labels';
import { useLinks, workApi, type Graph, type GraphNode } from './work-api';

const KINDS = ['phone', 'agency', 'bank-account', 'vehicle'] as const;
const COLOURS: Record<GraphNode['kind'], string> = {
  case: 'var(--mantine-color-teal-6)',
  person: 'var(--mantine-color-pink-6)',
  phone: 'var(--mantine-color-blue-6)',
  agency: 'var(--mantine-color-orange-6)',
  'bank-account': 'var(--mantine-color-grape-6)',
  vehicle: 'var(--mantine-color-gray-6)',
};

interface Placed extends GraphNode {
  x: number;
  y: number;
}

/** A deterministic force layout: nodes start on a circle, repel each other, edges pull. */
export function layout(graph: Graph, width: number, height: number): Placed[] {
  const n = graph.nodes.length;
  const cx = width / 2;
  const cy = height / 2;
  const r = Math.min(width, height) * 0.38;
  const pts = graph.nodes.map((node, i) => ({ ...node, x: cx + r * Math.cos((2 * Math.PI * i) / Math.max(1, n)), y: cy + r * Math.sin((2 * Math.PI * i) / Math.max(1, n)) }));
  if (n < 3) return pts;
  const index = new Map(pts.map((p, i) => [p.id, i]));
  const edges = graph.edges.map((e) => [index.get(e.from), index.get(e.to)] as const).filter((e): e is readonly [number, number] => e[0] !== undefined && e[1] !== undefined);
  const ideal = Math.sqrt((width * height) / n) * 0.6;
  for (let step = 0; step < 250; step++) {
    const temp = (1 - step / 250) * ideal * 0.3;
    const dx = new Array<number>(n).fill(0);
    const dy = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = pts[i]!;
        const b = pts[j]!;
        let vx = a.x - b.x;
        let vy = a.y - b.y;
        const d2 = Math.max(vx * vx + vy * vy, 0.01);
        const d = Math.sqrt(d2);
        if (d < 0.1) {
          vx = 0.1;
          vy = 0.1;
        }
        const f = (ideal * ideal) / d;
        dx[i]! += (vx / d) * f;
        dy[i]! += (vy / d) * f;
        dx[j]! -= (vx / d) * f;
        dy[j]! -= (vy / d) * f;
      }
    }
    for (const [i, j] of edges) {
      const a = pts[i]!;
      const b = pts[j]!;
      const vx = a.x - b.x;
      const vy = a.y - b.y;
      const d = Math.max(Math.sqrt(vx * vx + vy * vy), 0.1);
      const f = (d * d) / ideal;
      dx[i]! -= (vx / d) * f;
      dy[i]! -= (vy / d) * f;
      dx[j]! += (vx / d) * f;
      dy[j]! += (vy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      const p = pts[i]!;
      const len = Math.max(Math.sqrt(dx[i]! ** 2 + dy[i]! ** 2), 0.01);
      p.x = Math.min(width - 40, Math.max(40, p.x + (dx[i]! / len) * Math.min(len, temp)));
      p.y = Math.min(height - 24, Math.max(24, p.y + (dy[i]! / len) * Math.min(len, temp)));
    }
  }
  return pts;
}

export function LinkGraph({ graph, currentId }: { graph: Graph; currentId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const width = 900;
  const height = 520;
  const placed = useMemo(() => layout(graph, width, height), [graph]);
  const at = new Map(placed.map((p) => [p.id, p]));
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t('cases.links.graph')} style={{ maxHeight: 560, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: 'var(--mantine-color-gray-0)' }} data-testid="link-graph" direction="ltr">
      {graph.edges.map((e, i) => {
        const a = at.get(e.from);
        const b = at.get(e.to);
        if (!a || !b) return null;
        return <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="var(--mantine-color-gray-5)" strokeWidth={1.5} />;
      })}
      {placed.map((p) => {
        const isCase = p.kind === 'case';
        const current = isCase && p.id === `case:${currentId}`;
        const open = isCase && !current ? () => void navigate(`/cases/${p.id.slice(5)}`) : undefined;
        return (
          <g
            key={p.id}
            transform={`translate(${p.x},${p.y})`}
            onClick={open}
            onKeyDown={open ? (e) => (e.key === 'Enter' || e.key === ' ') && open() : undefined}
            role={open ? 'link' : undefined}
            tabIndex={open ? 0 : undefined}
            aria-label={open ? t('cases.links.open', { ref: p.label }) : undefined}
            style={{ cursor: open ? 'pointer' : 'default' }}
          >
            {isCase ? (
              <rect x={-9} y={-9} width={18} height={18} rx={3} fill={COLOURS.case} stroke={current ? 'black' : 'white'} strokeWidth={current ? 3 : 1.5} />
            ) : (
              <circle r={7} fill={COLOURS[p.kind]} stroke="white" strokeWidth={1.5} />
            )}
            <text y={isCase ? 22 : 18} textAnchor="middle" fontSize={isCase ? 12 : 11} fontWeight={isCase ? 600 : 400} fill="var(--mantine-color-gray-8)" style={{ fontFamily: 'Inter, system-ui, sans-serif' }}>
              {p.label.length > 28 ? `${p.label.slice(0, 27)}…` : p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      {(Object.keys(COLOURS) as GraphNode['kind'][]).map((k) => (
        <Group key={k} gap={4}>
          <svg width={12} height={12} aria-hidden>
            {k === 'case' ? <rect width={12} height={12} rx={2} fill={COLOURS[k]} /> : <circle cx={6} cy={6} r={6} fill={COLOURS[k]} />}
          </svg>
          <Text size="xs">{k === 'case' ? t('cases.links.case') : k === 'person' ? t('cases.links.person') : t(`cases.entityKinds.${k}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

export function LinksTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [depth, setDepth] = useState<'1' | '2'>('1');
  const graph = useLinks(c.id, depth === '2' ? 2 : 1);
  const [kind, setKind] = useState<string | null>('phone');
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const invalidate = () => void qc.invalidateQueries({ queryKey: casesKeys.one(c.id) });
  const add = useMutation({
    mutationFn: () => workApi.addEntity(c.id, { kind: kind ?? 'phone', value: value.trim(), label: opt(label) }),
    onSuccess: () => {
      setValue('');
      setLabel('');
      invalidate();
    },
  });
  const remove = useMutation({ mutationFn: (entityId: string) => workApi.removeEntity(c.id, entityId), onSuccess: invalidate });
  const errs = add.isError ? errorsOf(add.error) : {};
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('cases.new.links')}
          </Title>
          {c.entities.length > 0 && (
            <Table>
              <Table.Tbody>
                {c.entities.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{t(`cases.entityKinds.${e.kind as 'phone'}`, { defaultValue: e.kind })}</Table.Td>
                    <Table.Td dir="ltr">{e.value}</Table.Td>
                    <Table.Td>{e.label}</Table.Td>
                    <Table.Td w={40}>
                      {c.abilities.update && (
                        <ActionIcon variant="subtle" color="red" onClick={() => remove.mutate(e.id)} aria-label={t('cases.new.removeLink')}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {c.abilities.update && (
            <form onSubmit={(e) => { e.preventDefault(); add.mutate(); }} noValidate>
              <Group align="flex-end" gap="sm">
                <Select label={t('cases.new.linkKind')} data={KINDS.map((k) => ({ value: k, label: t(`cases.entityKinds.${k}`) }))} value={kind} onChange={setKind} allowDeselect={false} w={170} />
                <TextInput label={t('cases.new.linkValue')} dir="ltr" value={value} onChange={(e) => setValue(e.currentTarget.value)} error={errs.value} style={{ flex: 1, minWidth: 160 }} />
                <TextInput label={t('cases.new.linkLabel')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} style={{ flex: 1, minWidth: 160 }} />
                <Button type="submit" loading={add.isPending} disabled={!value.trim()}>
                  {t('cases.new.addLink')}
                </Button>
              </Group>
              {add.isError && !errs.value && <Alert color="red" mt="xs">{errorMessage(add.error)}</Alert>}
            </form>
          )}
        </Stack>
      </Card>
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('cases.links.graph')}
        </Title>
        <SegmentedControl
          size="xs"
          value={depth}
          onChange={(v) => setDepth(v as '1' | '2')}
          data={[
            { value: '1', label: t('cases.links.depth1') },
            { value: '2', label: t('cases.links.depth2') },
          ]}
        />
      </Group>
      <QueryView query={graph}>
        {(g) =>
          g.edges.length === 0 ? (
            <Text c="dimmed">{t('cases.links.none')}</Text>
          ) : (
            <Stack gap="xs">
              <LinkGraph graph={g} currentId={c.id} />
              <Legend />
            </Stack>
          )
        }
      </QueryView>
    </Stack>
  );
}
