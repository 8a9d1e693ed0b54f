import { darkTheme, useOsTheme, type GlobalTheme, type GlobalThemeOverrides } from 'naive-ui';
import { computed, ref, watch, type ComputedRef, type Ref } from 'vue';

/** `auto` follows the operating system's light/dark setting. */
export type ThemePreference = 'auto' | 'light' | 'dark';

const STORAGE_KEY = 'asr.theme';

function stored(): ThemePreference {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'auto';
  } catch {
    return 'auto';
  }
}

const preference = ref<ThemePreference>(stored());
watch(preference, (value) => {
  try {
    if (value === 'auto') globalThis.localStorage?.removeItem(STORAGE_KEY);
    else globalThis.localStorage?.setItem(STORAGE_KEY, value);
  } catch {
    // private mode: the choice lasts until the page is closed
  }
});

export interface ThemeState {
  preference: Ref<ThemePreference>;
  isDark: ComputedRef<boolean>;
  /** Naive UI's theme (null is its light theme). */
  theme: ComputedRef<GlobalTheme | null>;
  /** The theme's colours changed where its own fail the contrast check (axe-core). */
  overrides: ComputedRef<GlobalThemeOverrides>;
}

// secondary text (depth 3, placeholders, empty states) at a contrast of at least 4.5:1; in the
// light theme also the text of tags and log levels in the status colours (Naive's own are
// 2.1–3.9:1 on white) and the initials of a stream without artwork
const LIGHT_OVERRIDES: GlobalThemeOverrides = {
  common: {
    textColor3: 'rgb(88, 92, 98)',
    placeholderColor: 'rgb(100, 104, 110)',
    infoColor: '#1565c0',
    successColor: '#0e7a43',
    warningColor: '#945600',
    errorColor: '#c62828',
  },
  Empty: { textColor: 'rgb(88, 92, 98)' },
  Avatar: { color: 'rgb(100, 104, 110)' },
};
const DARK_OVERRIDES: GlobalThemeOverrides = {
  common: {
    textColor3: 'rgba(255, 255, 255, 0.62)',
    placeholderColor: 'rgba(255, 255, 255, 0.58)',
  },
  Empty: { textColor: 'rgba(255, 255, 255, 0.62)' },
};

/** The light/dark theme: the OS's unless the user picked one (remembered in this browser). */
export function useTheme(): ThemeState {
  const os = useOsTheme();
  const isDark = computed(() =>
    preference.value === 'auto' ? os.value === 'dark' : preference.value === 'dark',
  );
  const theme = computed(() => (isDark.value ? darkTheme : null));
  const overrides = computed(() => (isDark.value ? DARK_OVERRIDES : LIGHT_OVERRIDES));
  return { preference, isDark, theme, overrides };
}
