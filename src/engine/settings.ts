/**
 * The settings of one run, typed, as the engine reads them: every key of the catalogue
 * (src/k8s/settings.ts) with its value, durations in seconds.
 */
import { SETTINGS, type SettingKey } from "../k8s/settings.ts";

/** Typed settings, keyed as in the language. Durations in seconds. */
export type Settings = {
  [K in SettingKey]: Extract<(typeof SETTINGS)[number], { key: K }>["default"] extends boolean
    ? boolean
    : number;
};

/** Every setting at its default (Kubernetes' own). */
export function defaultSettings(): Settings {
  const s: Record<string, number | boolean> = {};
  for (const info of SETTINGS) s[info.key] = info.default;
  return s as Settings;
}
