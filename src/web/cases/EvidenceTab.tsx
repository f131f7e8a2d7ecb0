// Evidence: upload (type, source, date seized), the SHA-256 fingerprint, download, the tamper
// check ("intact"/"tampered") and the chain of custody with its next link.
import { Alert, Badge, Button, Card, FileInput, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconLink, IconShieldCheck, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTODY_ACTIONS, EVIDENCE_TYPES } from '../../domain/taxonomies';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDate, formatDateTime } from '../lib/format';
import type { CaseDetail } from './api';
import { errorsOf, opt, termOptions, todayIso, useLang, useTerm } from './labels';
import { fileToBase64, useCustody, useEvidence, workApi, workKeys, type Evidence } from './work-api';

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
};

function mimeOf(file: File): string {
  if (file.type) return file.type;
  return MIME_BY_EXT[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

function Upload({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState<string | null>('document');
  const [source, setSource] = useState('');
  const [seizedOn, setSeizedOn] = useState(todayIso());
  const [description, setDescription] = useState('');
  const upload = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error(t('cases.evidence.chooseFile'));
      return workApi.upload(c.id, { filename: file.name, mimeType: mimeOf(file), type: type ?? 'other', source: opt(source), seizedOn: opt(seizedOn), description: opt(description), contentBase64: await fileToBase64(file) });
    },
    onSuccess: (r) => {
      notifications.show({ color: 'teal', message: t('cases.evidence.uploaded', { sha: r.sha256.slice(0, 12) }) });
      setFile(null);
      setSource('');
      setDescription('');
      void qc.invalidateQueries({ queryKey: workKeys.part(c.id, 'evidence') });
    },
  });
  const errs = upload.isError ? errorsOf(upload.error) : {};
  return (
    <Card withBorder padding="md" radius="md" component="form" onSubmit={(e: React.FormEvent) => { e.preventDefault(); upload.mutate(); }}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <FileInput label={t('cases.evidence.file')} placeholder={t('cases.evidence.chooseFile')} value={file} onChange={setFile} clearable error={errs.contentBase64 ?? errs.mimeType ?? errs.filename} data-testid="evidence-file" />
          <Select label={t('cases.evidence.type')} data={termOptions(EVIDENCE_TYPES, lang)} value={type} onChange={setType} allowDeselect={false} error={errs.type} />
          <TextInput label={t('cases.evidence.source')} value={source} onChange={(e) => setSource(e.currentTarget.value)} />
          <TextInput label={t('cases.evidence.seizedOn')} type="date" value={seizedOn} onChange={(e) => setSeizedOn(e.currentTarget.value)} error={errs.seizedOn} />
        </SimpleGrid>
        <Textarea label={t('cases.evidence.description')} autosize minRows={1} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        {upload.isError && (
          <Alert color="red" role="alert">
            {errorMessage(upload.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconUpload size={16} />} loading={upload.isPending} disabled={!file}>
            {t('cases.evidence.upload')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Custody({ c, item, onClose }: { c: CaseDetail; item: Evidence; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const term = useTerm();
  const qc = useQueryClient();
  const chain = useCustody(c.id, item.id);
  const [action, setAction] = useState<string | null>('transferred');
  const [holder, setHolder] = useState('');
  const [on, setOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const add = useMutation({
    mutationFn: () => workApi.addCustody(c.id, item.id, { action: action ?? '', holder: holder.trim(), on, reason: reason.trim() }),
    onSuccess: () => {
      setHolder('');
      setReason('');
      void qc.invalidateQueries({ queryKey: workKeys.custody(c.id, item.id) });
    },
  });
  const errs = add.isError ? errorsOf(add.error) : {};
  return (
    <Modal opened onClose={onClose} title={t('cases.evidence.custodyOf', { name: item.filename })} size="xl">
      <Stack gap="sm">
        <QueryView query={chain}>
          {(rows) => (
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cases.evidence.on')}</Table.Th>
                    <Table.Th>{t('cases.evidence.action')}</Table.Th>
                    <Table.Th>{t('cases.evidence.holder')}</Table.Th>
                    <Table.Th>{t('cases.evidence.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{formatDate(r.on, i18n.language)}</Table.Td>
                      <Table.Td>{term(CUSTODY_ACTIONS, r.action)}</Table.Td>
                      <Table.Td>{r.holder}</Table.Td>
                      <Table.Td>{r.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryView>
        {c.abilities.update && (
          <form onSubmit={(e) => { e.preventDefault(); add.mutate(); }} noValidate>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Select label={t('cases.evidence.action')} data={termOptions(CUSTODY_ACTIONS, lang).filter((o) => o.value !== 'seized')} value={action} onChange={setAction} allowDeselect={false} error={errs.action} />
                <TextInput label={t('cases.evidence.holder')} required value={holder} onChange={(e) => setHolder(e.currentTarget.value)} error={errs.holder} />
                <TextInput label={t('cases.evidence.on')} type="date" required value={on} onChange={(e) => setOn(e.currentTarget.value)} error={errs.on} />
              </SimpleGrid>
              <TextInput label={t('cases.evidence.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errs.reason} />
              {add.isError && <Alert color="red">{errorMessage(add.error)}</Alert>}
              <Group justify="flex-end">
                <Button type="submit" loading={add.isPending}>
                  {t('cases.evidence.addCustody')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}

function VerifyButton({ c, item }: { c: CaseDetail; item: Evidence }) {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => workApi.verify(c.id, item.id) });
  if (verify.data) {
    return (
      <Badge color={verify.data.ok ? 'teal' : 'red'} data-testid="verify-result">
        {verify.data.ok ? t('cases.evidence.intact') : t('cases.evidence.tampered')}
      </Badge>
    );
  }
  return (
    <Button size="xs" variant="light" leftSection={<IconShieldCheck size={14} />} onClick={() => verify.mutate()} loading={verify.isPending} color={verify.isError ? 'red' : undefined}>
      {verify.isError ? errorMessage(verify.error) : t('cases.evidence.verify')}
    </Button>
  );
}

export function EvidenceTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const term = useTerm();
  const list = useEvidence(c.id);
  const [custody, setCustody] = useState<Evidence | null>(null);
  return (
    <Stack gap="md">
      {c.abilities.update && <Upload c={c} />}
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('cases.evidence.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table striped aria-label={t('cases.tabs.evidence')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cases.evidence.file')}</Table.Th>
                    <Table.Th>{t('cases.evidence.type')}</Table.Th>
                    <Table.Th>{t('cases.evidence.seizedOn')}</Table.Th>
                    <Table.Th>SHA-256</Table.Th>
                    <Table.Th>{t('cases.evidence.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.id} data-testid="evidence-row">
                      <Table.Td>
                        <Text size="sm" fw={500} dir="ltr">
                          {e.filename}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[e.source, `${Math.ceil(e.size / 1024)} KB`, formatDateTime(e.createdAt, i18n.language)].filter(Boolean).join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{term(EVIDENCE_TYPES, e.type)}</Table.Td>
                      <Table.Td>{formatDate(e.seizedOn, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Text className="hz-mono" dir="ltr" maw={220} title={e.sha256} data-testid="evidence-sha">
                          {e.sha256}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <Button size="xs" variant="default" component="a" href={workApi.contentUrl(c.id, e.id)} download={e.filename} leftSection={<IconDownload size={14} />}>
                            {t('cases.evidence.download')}
                          </Button>
                          <VerifyButton c={c} item={e} />
                          <Button size="xs" variant="subtle" leftSection={<IconLink size={14} />} onClick={() => setCustody(e)}>
                            {t('cases.evidence.custody')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
      {custody && <Custody c={c} item={custody} onClose={() => setCustody(null)} />}
    </Stack>
  );
}
