/** Error codes of the notifications module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

export const NOTIFICATIONS_ERRORS = {
  STREAM_NOT_ACCEPTED: {
    'zh-CN': '此地址是实时事件流，请求须接受 text/event-stream',
    en: 'This address is a live event stream; the request must accept text/event-stream',
  },
  WEBHOOK_NODE_REQUIRED: {
    'zh-CN': '您在多个单位有管理权限，请选择该订阅所属的单位',
    en: 'You manage several units; please choose the unit this subscription belongs to',
  },
  WEBHOOK_LIMIT: {
    'zh-CN': '该单位的 Webhook 订阅已达上限（{limit} 个）',
    en: 'This unit already has the maximum of {limit} webhook subscriptions',
  },
} as const satisfies Messages;
