// Log a contact by hand (walk-in, e-mail, a call outside the telephone system); it becomes the
// operator's own and opens.
import { Alert, Button, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../lib/feedback';
import { helplineApi } from './api';
import { useOptions } from './labels';

export function NewContact() {
  const { t } = useTranslation();
  const options = useOptions();
  const [opened, { open, close }] = useDisclosure(false);
  const [channel, setChannel] = useState<string | null>('phone');
  const [summary, setSummary] = useState('');
  const [urgency, setUrgency] = useState<string | null>('routine');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => helplineApi.create({ channel: channel ?? 'phone', summary: summary.trim() || undefined, urgency: urgency ?? undefined }),
    onSuccess: (c) => {
      close();
      void qc.invalidateQueries({ queryKey: ['helpline'] });
      void navigate(`/helpline/contacts/${c.id}`);
    },
  });
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} variant="light" onClick={open}>
        {t('helpline.logContact')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('helpline.newContactTitle')}>
        <Stack gap="sm">
          {create.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Select label={t('helpline.channel')} data={options('channels')} value={channel} onChange={setChannel} allowDeselect={false} />
          <Select label={t('helpline.urgency')} data={options('urgencies')} value={urgency} onChange={setUrgency} allowDeselect={false} />
          <Textarea label={t('helpline.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={3} />
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
