import { darkTheme, useOsTheme, type GlobalTheme } from 'naive-ui';
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
}

/** The light/dark theme: the OS's unless the user picked one (remembered in this browser). */
export function useTheme(): ThemeState {
  const os = useOsTheme();
  const isDark = computed(() =>
    preference.value === 'auto' ? os.value === 'dark' : preference.value === 'dark',
  );
  const theme = computed(() => (isDark.value ? darkTheme : null));
  return { preference, isDark, theme };
}
