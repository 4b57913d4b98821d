/** The signed-in user: loads /api/auth/me, signs in and out, and keeps the UI language in step with the account. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission, Role } from '../../common/permissions.js';
import { ApiError, get, onAuthRequired, post, put, setApiLang, setCsrfToken } from './api.js';
import { useI18n, type Lang } from './i18n.js';

export interface MeGrant {
  id: number;
  role: Role;
  nodeId: number;
  nodeType: string;
  nodeNameZh: string;
  nodeNameEn: string;
  permissions: Permission[];
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  locale: Lang;
  residentId: number | null;
  mustChangePassword: boolean;
  csrfToken: string;
  grants: MeGrant[];
  permissions: Permission[];
}

interface AuthValue {
  /** undefined while loading; null when signed out. */
  me: Me | null | undefined;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  /** True when the user holds the permission on at least one node. */
  can(p: Permission): boolean;
  /** Switches the UI language and saves it to the account when signed in. */
  switchLang(lang: Lang): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Provides the session to the app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { lang, setLang } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  setApiLang(lang);

  const adopt = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? '');
    setMe(m);
  }, []);

  useEffect(() => {
    onAuthRequired(() => adopt(null));
    get<Me>('/auth/me', { quiet401: true })
      .then((m) => {
        // A restored session speaks the account's language.
        if (m.locale !== lang) {
          setApiLang(m.locale);
          setLang(m.locale);
        }
        adopt(m);
      })
      .catch(() => adopt(null));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      me,
      async login(username, password) {
        const m = await post<Me>('/auth/login', { username, password }, { quiet401: true });
        adopt(m);
        // The language chosen on the sign-in page wins: save it to the account.
        if (m.locale !== lang) put('/auth/locale', { locale: lang }).catch(() => {});
        return m;
      },
      async logout() {
        try {
          await post('/auth/logout');
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
        adopt(null);
      },
      async refresh() {
        adopt(await get<Me>('/auth/me', { quiet401: true }).catch(() => null));
      },
      can: (p) => !!me?.permissions.includes(p),
      switchLang(next) {
        setApiLang(next);
        setLang(next);
        if (me) put('/auth/locale', { locale: next }).catch(() => {});
      },
    }),
    [me, lang, adopt, setLang],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session and helpers. */
export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user (inside the authenticated part of the app). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe while signed out');
  return me;
}
