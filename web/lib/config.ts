/** Public client configuration from /api/config (map tiles, locales), fetched once per page load. */
import { useEffect, useState } from 'react';
import { get } from './api.js';

export interface ClientConfig {
  tileUrl: string | null;
  tileAttribution?: string | null;
  locales: string[];
}

let cached: Promise<ClientConfig> | null = null;

/** Loads the configuration (shared promise). */
export function loadConfig(): Promise<ClientConfig> {
  cached ??= get<ClientConfig>('/config').catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}

/** The configuration, or undefined while loading (and after a failure: maps then draw without tiles). */
export function useConfig(): ClientConfig | undefined {
  const [config, setConfig] = useState<ClientConfig>();
  useEffect(() => {
    let live = true;
    loadConfig()
      .then((c) => live && setConfig(c))
      .catch(() => live && setConfig({ tileUrl: null, locales: ['zh-CN', 'en'] }));
    return () => {
      live = false;
    };
  }, []);
  return config;
}
