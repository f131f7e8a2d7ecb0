// A confirmation that needs a reason (merge, undo a merge, "not the same person"). The reason is
// required; the server's message is shown in the dialog when it refuses.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/feedback';
import { personFieldErrors } from './api';

export function ReasonDialog({
  title,
  body,
  confirmLabel,
  color = 'teal',
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  color?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setFieldError(t('persons.review.reasonHint'));
      return;
    }
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (err) {
      const f = personFieldErrors(err);
      if (f.reason) setFieldError(f.reason);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text size="sm">{body}</Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Textarea label={t('persons.review.reason')} description={t('persons.review.reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2} error={fieldError} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={busy}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
