// Create a user, or edit one (name, unit, roles, active). 409 on edit: told, reloaded, closed.
import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { roleLabel, unitName } from '../lib/format';
import { adminApi, adminKeys, type AdminUser, type Unit } from './api';

export function unitOptions(units: Unit[], lang: string) {
  return units.map((u) => ({ value: u.id, label: `${unitName(u, lang)} (${u.code})` }));
}

interface Props {
  user: AdminUser | null;
  units: Unit[];
  roles: string[];
  onClose: () => void;
}

export function UserForm({ user, units, roles, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [unitId, setUnitId] = useState<string | null>(user?.unit.id ?? null);
  const [userRoles, setUserRoles] = useState<string[]>(user?.roles ?? []);
  const [password, setPassword] = useState('');
  const [active, setActive] = useState(user?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      user
        ? adminApi.updateUser(user.id, { version: user.version, displayName: displayName.trim(), unitId: unitId ?? user.unit.id, roles: userRoles, active })
        : adminApi.createUser({ username: username.trim(), displayName: displayName.trim(), unitId: unitId ?? '', roles: userRoles, password }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: user ? t('admin.users.updated') : t('admin.users.created') });
      await qc.invalidateQueries({ queryKey: adminKeys.allUsers });
      onClose();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409 && user) {
        notifications.show({ color: 'orange', autoClose: 10_000, message: t('admin.users.conflict') });
        await qc.invalidateQueries({ queryKey: adminKeys.allUsers });
        onClose();
        return;
      }
      setErrors(e instanceof ApiError ? e.fieldErrors() : {});
      setFormError(errorMessage(e));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    save.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={user ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {!user && <TextInput label={t('admin.users.username')} description={t('admin.users.usernameHint')} value={username} onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())} required error={errors.username} dir="ltr" autoComplete="off" />}
          <TextInput label={t('admin.users.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required error={errors.displayName} />
          <Select label={t('admin.users.unit')} data={unitOptions(units, i18n.language)} value={unitId} onChange={setUnitId} searchable required error={errors.unitId} nothingFoundMessage={t('common.noResults')} limit={50} />
          <MultiSelect label={t('admin.users.roles')} data={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} value={userRoles} onChange={setUserRoles} required searchable error={errors.roles} />
          {!user && <PasswordInput label={t('admin.users.password')} description={t('admin.users.passwordHint')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required error={errors.password} dir="ltr" autoComplete="new-password" />}
          {user && <Switch label={t('common.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {user ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function SetPasswordForm({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => adminApi.setPassword(user.id, password),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('admin.users.passwordSet') });
      onClose();
    },
    onError: (e) => setError(e instanceof ApiError ? (e.fieldErrors().password ?? e.message) : errorMessage(e)),
  });
  return (
    <Modal opened onClose={onClose} title={t('admin.users.setPasswordTitle', { name: user.displayName })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          save.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <PasswordInput label={t('admin.users.newPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required error={error} dir="ltr" autoComplete="new-password" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!password}>
              {t('admin.users.setPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
