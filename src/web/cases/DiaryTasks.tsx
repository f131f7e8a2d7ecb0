// The case diary (dated notes, never edited: a correction is a new note) and the case's tasks.
import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, QueryView } from '../lib/feedback';
import { formatDate, formatDateTime } from '../lib/format';
import type { CaseDetail } from './api';
import { errorsOf, opt, todayIso } from './labels';
import { useDiary, useTasks, workApi, workKeys, type CaseTask } from './work-api';

export function DiaryTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const diary = useDiary(c.id);
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () => workApi.addDiary(c.id, { on, note: note.trim() }),
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: workKeys.part(c.id, 'diary') });
    },
  });
  const errs = add.isError ? errorsOf(add.error) : {};
  return (
    <Stack gap="md">
      {c.abilities.update && (
        <Card withBorder padding="md" radius="md">
          <form onSubmit={(e) => { e.preventDefault(); add.mutate(); }} noValidate>
            <Stack gap="sm">
              <Group align="flex-start" gap="sm">
                <TextInput label={t('cases.diary.on')} type="date" value={on} onChange={(e) => setOn(e.currentTarget.value)} error={errs.on} w={180} />
                <Textarea label={t('cases.diary.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errs.note} style={{ flex: 1, minWidth: 240 }} />
              </Group>
              {add.isError && !errs.on && !errs.note && <Alert color="red">{errorMessage(add.error)}</Alert>}
              <Group justify="flex-end">
                <Button type="submit" loading={add.isPending} disabled={!note.trim()}>
                  {t('cases.diary.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
      <QueryView query={diary}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('cases.diary.empty')}</Text>
          ) : (
            <Stack gap="xs">
              {items.map((d) => (
                <Card key={d.id} withBorder padding="sm" radius="md" data-testid="diary-entry">
                  <Group justify="space-between" gap="xs">
                    <Text fw={600} size="sm">
                      {formatDate(d.on, i18n.language)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {d.officerName} · {formatDateTime(d.createdAt, i18n.language)}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {d.note}
                  </Text>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryView>
    </Stack>
  );
}

function TaskRow({ c, task }: { c: CaseDetail; task: CaseTask }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: (done: boolean) => workApi.setTaskDone(c.id, task.id, { done, version: task.version }),
    onSettled: () => void qc.invalidateQueries({ queryKey: workKeys.part(c.id, 'tasks') }),
  });
  return (
    <Group gap="sm" wrap="nowrap" data-testid="task-row">
      <Checkbox checked={!!task.doneAt} disabled={!c.abilities.update || toggle.isPending} onChange={(e) => toggle.mutate(e.currentTarget.checked)} aria-label={task.title} />
      <Stack gap={0} style={{ flex: 1 }}>
        <Text size="sm" td={task.doneAt ? 'line-through' : undefined}>
          {task.title}
        </Text>
        <Text size="xs" c="dimmed">
          {[task.ownerName, task.due ? t('cases.tasks.dueOn', { date: formatDate(task.due, i18n.language) }) : null].filter(Boolean).join(' · ')}
        </Text>
      </Stack>
      {task.overdue && <Badge color="red">{t('cases.register.overdue')}</Badge>}
      {toggle.isError && (
        <Text c="red" size="xs">
          {errorMessage(toggle.error)}
        </Text>
      )}
    </Group>
  );
}

export function TasksTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tasks = useTasks(c.id);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const add = useMutation({
    mutationFn: () => workApi.addTask(c.id, { title: title.trim(), due: opt(due) }),
    onSuccess: () => {
      setTitle('');
      setDue('');
      void qc.invalidateQueries({ queryKey: workKeys.part(c.id, 'tasks') });
    },
  });
  const errs = add.isError ? errorsOf(add.error) : {};
  return (
    <Stack gap="md">
      {c.abilities.update && (
        <form onSubmit={(e) => { e.preventDefault(); add.mutate(); }} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput label={t('cases.tasks.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errs.title} style={{ flex: 1, minWidth: 220 }} />
            <TextInput label={t('cases.tasks.due')} type="date" value={due} onChange={(e) => setDue(e.currentTarget.value)} error={errs.due} w={180} />
            <Button type="submit" loading={add.isPending} disabled={!title.trim()}>
              {t('cases.tasks.add')}
            </Button>
          </Group>
          {add.isError && !errs.title && !errs.due && <Alert color="red" mt="xs">{errorMessage(add.error)}</Alert>}
        </form>
      )}
      <QueryView query={tasks}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('cases.tasks.empty')}</Text>
          ) : (
            <Stack gap="xs">
              {items.map((task) => (
                <TaskRow key={task.id} c={c} task={task} />
              ))}
            </Stack>
          )
        }
      </QueryView>
    </Stack>
  );
}
