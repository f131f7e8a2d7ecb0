// The directory of service providers: services, languages, areas served, hours, capacity; never
// an address. Filters: service, district, language.
import { Badge, Button, Card, Group, Progress, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../lib/feedback';
import { unitName } from '../lib/format';
import { useProviders } from './api';
import { useRLabel, useROptions } from './labels';

export function Directory() {
  const { t, i18n } = useTranslation();
  const label = useRLabel();
  const options = useROptions();
  const [service, setService] = useState<string | null>(null);
  const [district, setDistrict] = useState('');
  const [language, setLanguage] = useState('');
  const [d] = useDebouncedValue(district.trim(), 350);
  const [l] = useDebouncedValue(language.trim(), 350);
  const list = useProviders({ service: service ?? undefined, district: d || undefined, language: l || undefined });
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <Select label={t('referrals.service')} placeholder={t('common.all')} data={options('services')} value={service} onChange={setService} clearable w={{ base: '100%', sm: 220 }} />
        <TextInput label={t('referrals.directory.district')} value={district} onChange={(e) => setDistrict(e.currentTarget.value)} w={{ base: '100%', sm: 200 }} />
        <TextInput label={t('referrals.directory.language')} placeholder="ur, en, pa…" value={language} onChange={(e) => setLanguage(e.currentTarget.value)} w={{ base: '100%', sm: 160 }} dir="ltr" />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('referrals.directory.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {list.data.items.map((p) => (
            <Card key={p.unitId} withBorder padding="md" data-testid="provider-card" data-code={p.code}>
              <Stack gap={6}>
                <Text fw={600}>{unitName(p, i18n.language)}</Text>
                <Group gap={4}>
                  {p.services.map((s) => (
                    <Badge key={s} variant="light" size="sm">
                      {label('services', s)}
                    </Badge>
                  ))}
                </Group>
                {p.capacity !== null && p.available !== null ? (
                  <>
                    <Text size="sm">{t('referrals.directory.available', { available: p.available, capacity: p.capacity })}</Text>
                    <Progress value={p.capacity ? ((p.capacity - p.available) / p.capacity) * 100 : 100} color={p.available === 0 ? 'red' : p.available < 5 ? 'orange' : 'teal'} size="sm" />
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('referrals.directory.noCapacity')}
                  </Text>
                )}
                <Text size="xs">
                  {t('referrals.directory.languages')}: {p.languages.join(', ')}
                </Text>
                <Text size="xs">
                  {t('referrals.directory.areas')}: {p.districts.join(', ')}
                </Text>
                {p.hours && (
                  <Text size="xs">
                    {t('referrals.directory.hours')}: {p.hours}
                  </Text>
                )}
                {p.phone && (
                  <Text size="xs" dir="ltr">
                    {t('referrals.directory.phone')}: {p.phone}
                  </Text>
                )}
                <Button size="xs" variant="light" component={Link} to={`/referrals/new?providerUnitId=${p.unitId}`}>
                  {t('referrals.directory.refer')}
                </Button>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
