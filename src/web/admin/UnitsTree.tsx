// The organisational tree: expandable rows with kind badges, add-a-child and edit on each row.
import { ActionIcon, Badge, Box, Button, Group, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronLeft, IconChevronRight, IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../lib/feedback';
import { kindLabel, unitName } from '../lib/format';
import { depthOf, unitTree, useUnits, type Unit } from './api';
import { UnitForm, type UnitFormMode } from './UnitForm';

interface RowProps {
  unit: Unit;
  children: Map<string, Unit[]>;
  expanded: Set<string>;
  visible: Set<string> | null;
  toggle: (id: string) => void;
  onEdit: (target: UnitFormMode) => void;
  level: number;
}

function UnitRow({ unit, children, expanded, visible, toggle, onEdit, level }: RowProps) {
  const { t, i18n } = useTranslation();
  const kids = (children.get(unit.id) ?? []).filter((k) => !visible || visible.has(k.id));
  const open = expanded.has(unit.id) || (visible !== null && kids.length > 0);
  const name = unitName(unit, i18n.language);
  const Closed = i18n.dir() === 'rtl' ? IconChevronLeft : IconChevronRight;
  return (
    <Box role="treeitem" aria-expanded={kids.length ? open : undefined} aria-level={level + 1} aria-label={name}>
      <Group gap="xs" wrap="nowrap" py={4} ps={level * 20} className="hz-tree-row">
        {kids.length > 0 ? (
          <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => toggle(unit.id)} aria-label={open ? t('admin.units.collapse', { name }) : t('admin.units.expand', { name })}>
            {open ? <IconChevronDown size={16} /> : <Closed size={16} />}
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text fw={500} c={unit.active ? undefined : 'dimmed'} td={unit.active ? undefined : 'line-through'}>
              {name}
            </Text>
            <Badge size="sm" variant="light" color="indigo">
              {kindLabel(t, unit.kind)}
            </Badge>
            {!unit.active && (
              <Badge size="sm" color="gray">
                {t('common.inactive')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" dir="ltr" style={{ alignSelf: 'flex-start' }}>
            {unit.code}
            {unit.district ? ` · ${unit.district}` : ''}
          </Text>
        </Stack>
        <Tooltip label={t('admin.units.addChild', { name })}>
          <ActionIcon variant="subtle" onClick={() => onEdit({ mode: 'create', parent: unit })} aria-label={t('admin.units.addChild', { name })}>
            <IconPlus size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('admin.units.edit', { name })}>
          <ActionIcon variant="subtle" onClick={() => onEdit({ mode: 'edit', unit })} aria-label={t('admin.units.edit', { name })}>
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {open && kids.length > 0 && (
        <Box role="group">
          {kids.map((k) => (
            <UnitRow key={k.id} unit={k} children={children} expanded={expanded} visible={visible} toggle={toggle} onEdit={onEdit} level={level + 1} />
          ))}
        </Box>
      )}
    </Box>
  );
}

function Tree({ units }: { units: Unit[] }) {
  const { t, i18n } = useTranslation();
  const { roots, children } = useMemo(() => unitTree(units), [units]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(units.filter((u) => depthOf(u) < 1).map((u) => u.id)));
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<UnitFormMode | null>(null);

  // With a filter: the matching units and their ancestors, all opened.
  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return null;
    const byId = new Map(units.map((u) => [u.id, u]));
    const keep = new Set<string>();
    for (const u of units) {
      if ([u.name, u.nameUr ?? '', u.code, u.district ?? ''].some((s) => s.toLowerCase().includes(q))) {
        let cur: Unit | undefined = u;
        while (cur && !keep.has(cur.id)) {
          keep.add(cur.id);
          cur = cur.parentId ? byId.get(cur.parentId) : undefined;
        }
      }
    }
    return keep;
  }, [filter, units]);

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <TextInput leftSection={<IconSearch size={16} />} label={t('admin.units.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={280} />
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('admin.units.count', { count: units.length })}
          </Text>
          <Button size="xs" variant="default" onClick={() => setExpanded(new Set(units.map((u) => u.id)))}>
            {t('admin.units.expandAll')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setExpanded(new Set())}>
            {t('admin.units.collapseAll')}
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="sm" role="tree" aria-label={t('admin.units.tree')} lang={i18n.language}>
        {roots
          .filter((r) => !visible || visible.has(r.id))
          .map((r) => (
            <UnitRow key={r.id} unit={r} children={children} expanded={expanded} visible={visible} toggle={toggle} onEdit={setEditing} level={0} />
          ))}
        {visible && visible.size === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
      </Paper>
      {editing && <UnitForm target={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

export function UnitsTree() {
  const units = useUnits();
  return <QueryView query={units}>{(items) => <Tree units={items} />}</QueryView>;
}
