/** Error codes of the media module (merged into ERROR_MESSAGES in ../errors.ts). */
import type { Messages } from '../errors.js';

/** File errors name the file ("{name}"; "#3" when it has no name); `details` carry `{ index, name }`. */
export const MEDIA_ERRORS = {
  MEDIA_FILES_REQUIRED: { 'zh-CN': '请至少选择一张照片', en: 'Please choose at least one photo' },
  MEDIA_TOO_MANY_FILES: { 'zh-CN': '一次最多上传 {max} 张照片', en: 'At most {max} photos can be uploaded at once' },
  MEDIA_FILE_TOO_LARGE: {
    'zh-CN': '照片“{name}”超过 {limit} 的大小上限',
    en: 'The photo "{name}" is larger than the {limit} limit',
  },
  MEDIA_FILE_EMPTY: { 'zh-CN': '照片“{name}”是空文件', en: 'The photo "{name}" is an empty file' },
  MEDIA_TYPE_UNSUPPORTED: {
    'zh-CN': '文件“{name}”不是 JPEG、PNG 或 WebP 格式的照片',
    en: 'The file "{name}" is not a JPEG, PNG or WebP photo',
  },
  MEDIA_FILE_BROKEN: {
    'zh-CN': '照片“{name}”已损坏或不完整，无法读取',
    en: 'The photo "{name}" is damaged or incomplete and cannot be read',
  },
  MEDIA_TOO_MANY_PIXELS: {
    'zh-CN': '照片“{name}”分辨率过高（上限 {mp} 百万像素）',
    en: 'The photo "{name}" has too many pixels (limit {mp} megapixels)',
  },
  MEDIA_ATTACH_TOO_MANY: { 'zh-CN': '最多只能附加 {max} 张照片', en: 'At most {max} photos can be attached' },
  MEDIA_ATTACH_DUPLICATE: { 'zh-CN': '同一张照片不能重复附加', en: 'The same photo cannot be attached twice' },
  MEDIA_NOT_ATTACHABLE: {
    'zh-CN': '有 {count} 张照片无法附加：不存在、已被使用，或不是您上传的，请重新上传',
    en: '{count} of the photos cannot be attached: they do not exist, are already in use, or were not uploaded by you; please upload them again',
  },
  MEDIA_ORIGINAL_FORBIDDEN: { 'zh-CN': '只有工作人员可以查看原图', en: 'Only staff may see the original photo' },
} as const satisfies Messages;
