// Add a unit under a parent, or edit one. A 409 means someone else saved first: the user is
// told, the tree is reloaded and the form closes so they start from the latest version.
import { Alert, Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { kindLabel, UNIT_KINDS, unitName } from '../lib/format';
import { adminApi, adminKeys, type Unit } from './api';

export type UnitFormMode = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit };

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function UnitForm({ target, onClose }: { target: UnitFormMode; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const editing = target.mode === 'edit' ? target.unit : null;
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<string | null>(editing?.kind ?? null);
  const [name, setName] = useState(editing?.name ?? '');
  const [nameUr, setNameUr] = useState(editing?.nameUr ?? '');
  const [district, setDistrict] = useState(editing?.district ?? (target.mode === 'create' ? (target.parent.district ?? '') : ''));
  const [province, setProvince] = useState(editing?.province ?? (target.mode === 'create' ? (target.parent.province ?? '') : ''));
  const [active, setActive] = useState(editing?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      editing
        ? adminApi.updateUnit(editing.id, { version: editing.version, name: name.trim(), nameUr: blankToNull(nameUr), kind: kind ?? editing.kind, district: blankToNull(district), province: blankToNull(province), active })
        : adminApi.createUnit({ parentId: target.mode === 'create' ? target.parent.id : '', code: code.trim(), kind: kind ?? '', name: name.trim(), nameUr: blankToNull(nameUr), district: blankToNull(district), province: blankToNull(province) }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: editing ? t('admin.units.updated') : t('admin.units.created') });
      await qc.invalidateQueries({ queryKey: adminKeys.units });
      onClose();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409 && editing) {
        notifications.show({ color: 'orange', autoClose: 10_000, message: t('admin.units.conflict') });
        await qc.invalidateQueries({ queryKey: adminKeys.units });
        onClose();
        return;
      }
      const f = e instanceof ApiError ? e.fieldErrors() : {};
      setErrors(f);
      setFormError(errorMessage(e));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    save.mutate();
  };

  const title = editing ? t('admin.units.editTitle', { code: editing.code }) : t('admin.units.newTitle', { parent: target.mode === 'create' ? unitName(target.parent, i18n.language) : '' });

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {!editing && <TextInput label={t('admin.units.code')} description={t('admin.units.codeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value.toUpperCase())} required error={errors.code} dir="ltr" />}
          <Select label={t('admin.units.kind')} data={UNIT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} value={kind} onChange={setKind} required searchable error={errors.kind} allowDeselect={false} />
          <TextInput label={t('admin.units.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={errors.name} dir="ltr" />
          <TextInput label={t('admin.units.nameUr')} value={nameUr} onChange={(e) => setNameUr(e.currentTarget.value)} error={errors.nameUr} dir="rtl" lang="ur" />
          <Group grow>
            <TextInput label={t('admin.units.district')} value={district} onChange={(e) => setDistrict(e.currentTarget.value)} error={errors.district} />
            <TextInput label={t('admin.units.province')} value={province} onChange={(e) => setProvince(e.currentTarget.value)} error={errors.province} />
          </Group>
          {editing && <Switch label={t('admin.units.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
