/** Users as the administration API returns them. */
import type { Role } from '../../../common/permissions.js';

export interface UserGrant {
  id: number;
  role: Role;
  nodeId: number;
  nodeType: string;
  nodeCode: string;
  nodeNameZh: string;
  nodeNameEn: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  locale: 'zh-CN' | 'en';
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  grants: UserGrant[];
}
