import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconShieldHalfFilled } from '@tabler/icons-react';

/** The app's name in both scripts, whatever the language: "Hifazat · حفاظت". */
export function Brand() {
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size="lg" radius="md" variant="filled" aria-hidden>
        <IconShieldHalfFilled size={20} />
      </ThemeIcon>
      <Text fw={700} size="lg" lang="en" ff="Inter, system-ui, sans-serif">
        Hifazat
      </Text>
      <Text fw={700} size="lg" lang="ur" ff='"Noto Nastaliq Urdu", serif' lh={1.6} visibleFrom="xs">
        حفاظت
      </Text>
    </Group>
  );
}
