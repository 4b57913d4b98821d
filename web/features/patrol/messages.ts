/** Strings of the patrol log. */
import { defineMessages } from '../../lib/i18n.js';

export const m = defineMessages({
  title: { zh: '巡查日志', en: 'Patrol log' },
  subtitleWriter: { zh: '记录每天在网格内的巡查情况', en: 'Record your daily walk through your grid' },
  subtitleReader: { zh: '查看辖区内网格员的巡查记录', en: 'Patrol records of the grid workers in your area' },
  today: { zh: '今日巡查', en: 'Today’s patrol' },
  noneToday: { zh: '今天还没有巡查记录', en: 'No patrol recorded today' },
  countToday: { zh: '今天已记录 {n} 次巡查', en: '{n} patrol(s) recorded today' },
  write: { zh: '填写巡查记录', en: 'Record a patrol' },
  writeToday: { zh: '填写今日巡查', en: 'Record today’s patrol' },
  grid: { zh: '网格', en: 'Grid' },
  date: { zh: '巡查日期', en: 'Date' },
  start: { zh: '开始时间', en: 'Started' },
  end: { zh: '结束时间', en: 'Ended' },
  endBeforeStart: { zh: '结束时间不能早于开始时间', en: 'The end cannot be before the start' },
  notes: { zh: '巡查情况', en: 'What you saw and did' },
  notesColumn: { zh: '巡查情况', en: 'Patrol notes' },
  notesPlaceholder: {
    zh: '例如：走访 3 户独居老人，均正常；3 号楼楼道堆物已提醒清理……',
    en: 'e.g. Visited 3 elderly people living alone, all well; asked residents to clear the hallway of building 3 …',
  },
  notesRequired: { zh: '请填写巡查情况', en: 'Please describe the patrol' },
  submit: { zh: '提交', en: 'Submit' },
  saved: { zh: '巡查记录已保存', en: 'Patrol saved' },
  recent: { zh: '最近的巡查', en: 'Recent patrols' },
  worker: { zh: '网格员', en: 'Grid worker' },
  duration: { zh: '时段', en: 'Time' },
  filterGrid: { zh: '按网格筛选', en: 'Filter by grid' },
  notAvailable: {
    zh: '巡查日志功能尚未在服务器上启用。',
    en: 'The patrol log is not available on this server yet.',
  },
});

export const m2 = defineMessages({
  addLocation: { zh: '记录当前位置', en: 'Add my location' },
  locationCount: { zh: '已记录 {n} 个位置点', en: '{n} location point(s) recorded' },
  locationFailed: { zh: '无法获取位置：{reason}', en: 'Could not get the location: {reason}' },
  locationHelp: { zh: '可选：巡查途中点击记录位置，形成巡查轨迹。', en: 'Optional: tap while you walk to record your route.' },
  edit: { zh: '修改', en: 'Edit' },
  editTitle: { zh: '修改今天的巡查记录', en: 'Edit today’s patrol' },
  updated: { zh: '巡查记录已修改', en: 'Patrol updated' },
  points: { zh: '{n} 个位置点', en: '{n} points' },
  ongoing: { zh: '进行中', en: 'ongoing' },
  cancelEdit: { zh: '取消修改', en: 'Cancel editing' },
  pickGrid: { zh: '选择网格', en: 'Choose a grid' },
});
