// Users: a paged table with search, unit and role filters; create, edit, set password, reset
// two-factor and unlock.
import { ActionIcon, Badge, Button, Group, Menu, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconLockOpen, IconPencil, IconPlus, IconSearch, IconShieldOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, ErrorNotice, Loading } from '../lib/feedback';
import { roleLabel, unitName } from '../lib/format';
import { adminApi, adminKeys, useRoles, useUnits, useUsers, type AdminUser, type Unit } from './api';
import { SetPasswordForm, unitOptions, UserForm } from './UserForm';

const PAGE_SIZE = 25;

function StatusBadges({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {!user.active && <Badge color="gray">{t('admin.users.inactive')}</Badge>}
      {user.locked && <Badge color="red">{t('admin.users.locked')}</Badge>}
      {user.totpEnrolled ? <Badge color="teal" variant="light">{t('admin.users.totpOn')}</Badge> : user.totpRequired ? <Badge color="orange">{t('admin.users.totpMissing')}</Badge> : null}
      {user.active && !user.locked && !user.totpEnrolled && !user.totpRequired && (
        <Badge color="gray" variant="outline">
          {t('admin.users.active')}
        </Badge>
      )}
    </Group>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: AdminUser } | { kind: 'password'; user: AdminUser } | null;

function UserActions({ user, onOpen }: { user: AdminUser; onOpen: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const action = useMutation({
    mutationFn: (what: 'resetTotp' | 'unlock') => (what === 'unlock' ? adminApi.unlock(user.id) : adminApi.resetTotp(user.id)),
    onSuccess: (_r, what) => notifications.show({ color: 'teal', message: what === 'unlock' ? t('admin.users.unlocked') : t('admin.users.totpReset') }),
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminKeys.allUsers }),
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={t('admin.users.moreActions', { name: user.displayName })} loading={action.isPending}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onOpen({ kind: 'edit', user })}>
          {t('admin.users.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onOpen({ kind: 'password', user })}>
          {t('admin.users.setPassword')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconShieldOff size={16} />}
          disabled={!user.totpEnrolled}
          onClick={() => {
            if (window.confirm(t('admin.users.resetTotpConfirm', { name: user.displayName }))) action.mutate('resetTotp');
          }}
        >
          {t('admin.users.resetTotp')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLockOpen size={16} />} disabled={!user.locked} onClick={() => action.mutate('unlock')}>
          {t('admin.users.unlock')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function UsersTable({ units, roles }: { units: Unit[]; roles: string[] }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = useUsers({ page, pageSize: PAGE_SIZE, q: debouncedQ || undefined, unitId: unitId ?? undefined, role: role ?? undefined });
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const filtersChanged = () => setPage(1);

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" justify="space-between">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('admin.users.search')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              filtersChanged();
            }}
            w={240}
          />
          <Select
            label={t('admin.users.unit')}
            placeholder={t('common.all')}
            data={unitOptions(units, i18n.language)}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              filtersChanged();
            }}
            searchable
            clearable
            limit={50}
            w={260}
          />
          <Select
            label={t('admin.users.role')}
            placeholder={t('common.all')}
            data={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))}
            value={role}
            onChange={(v) => {
              setRole(v);
              filtersChanged();
            }}
            clearable
            w={220}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'create' })}>
          {t('admin.users.create')}
        </Button>
      </Group>

      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover aria-busy={users.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.users.displayName')}</Table.Th>
                  <Table.Th>{t('admin.users.unit')}</Table.Th>
                  <Table.Th>{t('admin.users.roles')}</Table.Th>
                  <Table.Th>{t('admin.users.status')}</Table.Th>
                  <Table.Th>
                    <span className="sr-only">{t('admin.users.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((u) => {
                  const unit = unitsById.get(u.unit.id);
                  return (
                    <Table.Tr key={u.id}>
                      <Table.Td>
                        <Text fw={500}>{u.displayName}</Text>
                        <Text size="xs" c="dimmed" dir="ltr" style={{ display: 'inline-block' }}>
                          {u.username}
                        </Text>
                      </Table.Td>
                      <Table.Td>{unit ? unitName(unit, i18n.language) : u.unit.name}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {u.roles.map((r) => (
                            <Badge key={r} variant="light">
                              {roleLabel(t, r)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadges user={u} />
                      </Table.Td>
                      <Table.Td>
                        <UserActions user={u} onOpen={setDialog} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.data.items.length === 0 && <Text c="dimmed">{t('admin.users.empty')}</Text>}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('common.total', { count: users.data.total })}
            </Text>
            <Pagination total={Math.max(1, Math.ceil(users.data.total / PAGE_SIZE))} value={page} onChange={setPage} size="sm" aria-label={t('pagination.label')} />
          </Group>
        </>
      )}

      {dialog?.kind === 'create' && <UserForm user={null} units={units} roles={roles} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserForm user={dialog.user} units={units} roles={roles} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <SetPasswordForm user={dialog.user} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

export function UsersPanel() {
  const units = useUnits();
  const roles = useRoles();
  if (units.isPending || roles.isPending) return <Loading />;
  if (units.isError) return <ErrorNotice error={units.error} onRetry={() => void units.refetch()} />;
  if (roles.isError) return <ErrorNotice error={roles.error} onRetry={() => void roles.refetch()} />;
  return <UsersTable units={units.data} roles={roles.data} />;
}
