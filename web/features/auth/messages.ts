/** Strings of sign-in, password change and account settings. */
import { defineMessages } from '../../lib/i18n.js';

export const m = defineMessages({
  signIn: { zh: '登录', en: 'Sign in' },
  title: { zh: '登录共治平台', en: 'Sign in to Gongzhi' },
  tagline: {
    zh: '城市基层社会治理平台：网格管理、人房数据、多元共治',
    en: 'Urban grassroots governance: grids, people and buildings, co-governance',
  },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  usernameRequired: { zh: '请输入用户名', en: 'Enter your username' },
  passwordRequired: { zh: '请输入密码', en: 'Enter your password' },
  footer: { zh: '共治 Gongzhi · 开源基层治理平台', en: 'Gongzhi 共治 · open-source grassroots governance' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  mustChange: {
    zh: '为了账号安全，首次登录或密码被重置后须设置新密码。',
    en: 'For security, please set a new password after your first sign-in or a reset.',
  },
  current: { zh: '当前密码', en: 'Current password' },
  next: { zh: '新密码', en: 'New password' },
  repeat: { zh: '再次输入新密码', en: 'Repeat the new password' },
  rule: { zh: '至少 10 个字符，且不能与用户名相同', en: 'At least 10 characters, different from your username' },
  tooShort: { zh: '新密码至少 10 个字符', en: 'The new password needs at least 10 characters' },
  mismatch: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  changed: { zh: '密码已修改', en: 'Password changed' },
  account: { zh: '账号设置', en: 'My account' },
  profile: { zh: '基本信息', en: 'Profile' },
  displayName: { zh: '姓名', en: 'Name' },
  roles: { zh: '角色与负责范围', en: 'Roles and areas' },
  language: { zh: '界面语言', en: 'Interface language' },
  languageHint: { zh: '保存在您的账号中，下次登录自动使用。', en: 'Saved to your account and used the next time you sign in.' },
  signOut: { zh: '退出登录', en: 'Sign out' },
});
