/**
 * Name and place data for the demo district: surnames weighted by frequency (approximate shares from
 * the 2020 census, with the Manchu-origin surnames common in Liaoning), given names by generation,
 * street, community, road and estate names with their pinyin, ethnic groups and ID area codes.
 */

/** [surname, weight in per mille]. */
export const SURNAMES: readonly [string, number][] = [
  ['王', 71], ['李', 68], ['张', 65], ['刘', 54], ['陈', 45], ['杨', 31], ['赵', 23], ['黄', 22], ['周', 19],
  ['吴', 18], ['徐', 15], ['孙', 14], ['胡', 13], ['朱', 13], ['高', 12], ['林', 12], ['何', 12], ['郭', 12],
  ['马', 11], ['罗', 9], ['梁', 8], ['宋', 8], ['郑', 7], ['谢', 7], ['韩', 7], ['唐', 6], ['冯', 6], ['于', 6],
  ['董', 6], ['程', 6], ['曹', 6], ['袁', 5], ['邓', 5], ['许', 5], ['傅', 5], ['沈', 5], ['曾', 5], ['彭', 5],
  ['吕', 5], ['苏', 5], ['卢', 5], ['蒋', 5], ['蔡', 5], ['贾', 4], ['丁', 4], ['魏', 4], ['薛', 4], ['叶', 4],
  ['阎', 4], ['余', 4], ['潘', 4], ['杜', 4], ['戴', 3], ['夏', 3], ['钟', 3], ['汪', 3], ['田', 3], ['任', 3],
  ['姜', 3], ['范', 3], ['方', 3], ['石', 3], ['姚', 3], ['谭', 3], ['廖', 3], ['邹', 3], ['熊', 3], ['金', 3],
  ['陆', 3], ['郝', 2], ['孔', 2], ['白', 2], ['崔', 2], ['康', 2], ['毛', 2], ['邱', 2], ['秦', 2], ['江', 2],
  ['史', 2], ['顾', 2], ['侯', 2], ['邵', 2], ['孟', 2], ['龙', 2], ['万', 2], ['段', 2], ['雷', 2], ['钱', 2],
  ['汤', 2], ['尹', 2], ['常', 2], ['武', 2], ['乔', 2], ['贺', 2], ['关', 2], ['齐', 1], ['佟', 1], ['宫', 1],
  ['谷', 1], ['隋', 1], ['鲍', 1], ['单', 1], ['栾', 1], ['那', 1], ['衣', 1], ['葛', 1], ['庞', 1], ['温', 1],
];

/** Given names by generation (born up to 1965, 1966–1989, from 1990) and sex. */
export const GIVEN_NAMES = {
  old: {
    F: ['秀兰', '桂英', '秀英', '玉兰', '桂兰', '淑珍', '淑兰', '凤兰', '玉珍', '秀珍', '凤英', '玉梅', '桂芝', '淑华', '秀云', '丽华', '凤琴', '玉芬', '素梅', '翠花', '桂香', '玉华', '秀芳', '淑芬', '金凤', '凤霞', '秀荣', '桂荣', '玉凤', '淑琴', '桂珍', '凤芝', '秀梅', '玉洁', '淑贤'],
    M: ['建国', '建华', '国庆', '德明', '福海', '志刚', '国华', '振华', '德福', '永祥', '文斌', '玉林', '宝山', '长顺', '永生', '树林', '庆丰', '金山', '志远', '国栋', '春生', '海山', '凤山', '德胜', '明山', '广才', '忠诚', '立新', '卫东', '向东', '连生', '贵才', '洪亮', '振东', '铁军'],
  },
  mid: {
    F: ['丽', '红', '艳', '敏', '静', '丽娜', '海燕', '晓红', '红梅', '丽丽', '秀丽', '雪梅', '春燕', '晓燕', '婷婷', '丹', '莉', '娜', '颖', '慧', '玲', '晶', '宏', '燕', '琳', '冬梅', '晓丽', '艳华', '丽君', '玉婷', '红艳', '凤', '雪', '海霞', '晓梅'],
    M: ['伟', '勇', '军', '磊', '强', '刚', '涛', '斌', '波', '辉', '鹏', '明', '超', '海涛', '志勇', '建军', '晓东', '东', '亮', '宏伟', '立军', '春雷', '海波', '振宇', '大勇', '成', '峰', '林', '永刚', '洪波', '晓光', '铁', '国强', '红军', '利民'],
  },
  young: {
    F: ['欣怡', '梓涵', '诗涵', '雨涵', '可馨', '子涵', '一诺', '思琪', '佳怡', '雨桐', '婉婷', '梦瑶', '紫萱', '嘉欣', '若曦', '语桐', '欣妍', '佳琪', '雪', '琪', '悦', '萱', '瑶', '思彤', '晓萌', '雨欣', '梓萱', '馨月', '艺涵', '安琪', '诗雨', '一然', '心怡', '慧敏', '佳慧'],
    M: ['浩然', '子轩', '宇轩', '梓豪', '俊杰', '浩宇', '宇航', '子墨', '博文', '睿', '晨阳', '一鸣', '宇', '轩', '浩', '昊天', '天佑', '皓轩', '嘉豪', '铭', '泽宇', '明哲', '思远', '家乐', '子豪', '博', '文博', '俊熙', '瑞', '鑫', '健', '帅', '鹏飞', '志鹏', '天宇'],
  },
} as const;

/** [name, pinyin] of streets (街道). Invented district, plausible names for a Liaoning city. */
export const STREET_NAMES: readonly [string, string][] = [
  ['湖滨', 'Hubin'], ['东明', 'Dongming'], ['千金', 'Qianjin'], ['桥头', 'Qiaotou'], ['站前', 'Zhanqian'],
  ['河沿', 'Heyan'], ['新华', 'Xinhua'], ['永丰', 'Yongfeng'], ['彩屯', 'Caitun'], ['铁山', 'Tieshan'],
  ['工人', 'Gongren'], ['平安', 'Ping’an'], ['兴安', 'Xing’an'], ['华山', 'Huashan'], ['紫金', 'Zijin'],
  ['南地', 'Nandi'], ['北台', 'Beitai'], ['崔东', 'Cuidong'], ['卧龙', 'Wolong'], ['威宁', 'Weining'],
  ['太河', 'Taihe'], ['高峪', 'Gaoyu'], ['牛心台', 'Niuxintai'], ['石桥子', 'Shiqiaozi'], ['张其寨', 'Zhangqizhai'],
  ['火连寨', 'Huolianzhai'], ['大峪', 'Dayu'], ['日月', 'Riyue'], ['香磨', 'Xiangmo'], ['泉水', 'Quanshui'],
  ['元宝', 'Yuanbao'], ['富民', 'Fumin'], ['繁荣', 'Fanrong'], ['和平', 'Heping'], ['胜利', 'Shengli'],
  ['望溪', 'Wangxi'], ['明珠', 'Mingzhu'], ['钢城', 'Gangcheng'], ['矿山', 'Kuangshan'], ['滨河', 'Binhe'],
];

/** [name, pinyin] of communities (社区). */
export const COMMUNITY_NAMES: readonly [string, string][] = [
  ['石榴园', 'Shiliuyuan'], ['通化', 'Tonghua'], ['幸福', 'Xingfu'], ['和谐', 'Hexie'], ['阳光', 'Yangguang'],
  ['翠湖', 'Cuihu'], ['丽景', 'Lijing'], ['金山', 'Jinshan'], ['银河', 'Yinhe'], ['向阳', 'Xiangyang'],
  ['红旗', 'Hongqi'], ['工农', 'Gongnong'], ['北苑', 'Beiyuan'], ['南苑', 'Nanyuan'], ['东苑', 'Dongyuan'],
  ['西苑', 'Xiyuan'], ['春晖', 'Chunhui'], ['紫薇', 'Ziwei'], ['海棠', 'Haitang'], ['松涛', 'Songtao'],
  ['柳林', 'Liulin'], ['杏花', 'Xinghua'], ['桃园', 'Taoyuan'], ['梨园', 'Liyuan'], ['枫林', 'Fenglin'],
  ['梧桐', 'Wutong'], ['青年', 'Qingnian'], ['友谊', 'Youyi'], ['团结', 'Tuanjie'], ['永安', 'Yong’an'],
  ['长青', 'Changqing'], ['兴隆', 'Xinglong'], ['福安', 'Fu’an'], ['泰和', 'Taihe'], ['康乐', 'Kangle'],
  ['民主', 'Minzhu'], ['文明', 'Wenming'], ['铁路', 'Tielu'], ['电力', 'Dianli'], ['东兴', 'Dongxing'],
  ['西山', 'Xishan'], ['南山', 'Nanshan'], ['北山', 'Beishan'], ['东山', 'Dongshan'], ['溪湖', 'Xihu'],
  ['望峰', 'Wangfeng'], ['光明', 'Guangming'], ['解放', 'Jiefang'], ['建设', 'Jianshe'], ['人民', 'Renmin'],
  ['花园', 'Huayuan'], ['文化', 'Wenhua'], ['育才', 'Yucai'], ['新村', 'Xincun'], ['锦绣', 'Jinxiu'],
  ['景山', 'Jingshan'], ['平山', 'Pingshan'], ['明秀', 'Mingxiu'], ['永红', 'Yonghong'], ['东风', 'Dongfeng'],
  ['曙光', 'Shuguang'], ['前进', 'Qianjin'], ['胜利', 'Shengli'], ['振兴', 'Zhenxing'], ['丰收', 'Fengshou'],
  ['滨江', 'Binjiang'], ['临河', 'Linhe'], ['彩虹', 'Caihong'], ['星光', 'Xingguang'], ['月季', 'Yueji'],
  ['玉泉', 'Yuquan'], ['清泉', 'Qingquan'], ['金桥', 'Jinqiao'], ['华夏', 'Huaxia'], ['安泰', 'Antai'],
  ['宏达', 'Hongda'], ['祥和', 'Xianghe'], ['瑞丰', 'Ruifeng'], ['德胜', 'Desheng'], ['仁和', 'Renhe'],
  ['聚贤', 'Juxian'], ['嘉禾', 'Jiahe'], ['惠民', 'Huimin'], ['乐园', 'Leyuan'],
  ['矿工', 'Kuanggong'], ['钢城', 'Gangcheng'], ['卫生', 'Weisheng'], ['站前', 'Zhanqian'], ['新兴', 'Xinxing'],
];

/** Road names (路/街) for addresses. */
export const ROAD_NAMES: readonly string[] = [
  '明湖路', '解放北路', '解放南路', '胜利路', '人民路', '新华街', '永丰街', '东明路', '站前街', '河沿路',
  '滨河北路', '滨河南路', '平山路', '光明街', '建设路', '文化路', '育才街', '工人街', '铁山路', '彩屯路',
  '紫金路', '华山路', '明山路', '北台街', '崔东路', '卧龙街', '和平路', '繁荣街', '富民路', '元宝街',
  '泉水路', '日月街', '钢城路', '矿山路', '望溪路', '明珠街', '太河路', '兴安街', '高峪路', '青年街',
  '友谊路', '团结街', '长青路', '兴隆街', '福安路', '康乐街', '民主路', '东兴街', '西山路', '南山街',
];

/** Estate (小区) name parts. */
export const ESTATE_PREFIXES: readonly string[] = [
  '锦绣', '阳光', '幸福', '和谐', '翠湖', '金域', '盛世', '御景', '紫荆', '丽水', '明珠', '康馨', '福苑', '华府',
  '新城', '东方', '滨河', '望湖', '溪畔', '山水', '工人村', '矿工', '电力', '钢城', '南山', '北山', '春城', '枫林',
  '怡景', '兰亭', '金色', '绿洲', '碧水', '铁路', '学府', '泰和', '福星', '龙湾',
];
export const ESTATE_SUFFIXES: readonly string[] = ['小区', '家园', '花园', '苑', '新村', '公寓', '嘉园', '华庭', '雅居', '里'];

/** [ethnic group, weight]: Liaoning's mix (Han most, then Manchu, Mongol, Hui, Korean, Xibe). */
export const ETHNICITIES: readonly [string, number][] = [
  ['汉族', 840], ['满族', 128], ['蒙古族', 14], ['回族', 6], ['朝鲜族', 6], ['锡伯族', 4], ['土家族', 1], ['壮族', 1],
];

/** [6-digit area code of the ID number, weight]: mostly the city's own districts and counties, then the
 * rest of Liaoning, then other provinces. Real GB/T 2260 codes. */
export const ID_AREAS: readonly [string, number][] = [
  ['210502', 22], ['210503', 16], ['210504', 12], ['210505', 6], ['210521', 6], ['210522', 5],
  ['210102', 4], ['210103', 3], ['210302', 4], ['210402', 4], ['210602', 3], ['211002', 3], ['210702', 2],
  ['220102', 2], ['230102', 2], ['370102', 2], ['130102', 1], ['410102', 1], ['150102', 1], ['220202', 1],
];

/** Mobile number prefixes. */
export const PHONE_PREFIXES: readonly string[] = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157',
  '158', '159', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199',
];

/** Chronic conditions noted for some residents. */
export const HEALTH_NOTES: readonly string[] = [
  '高血压', '糖尿病', '冠心病', '慢性支气管炎', '脑梗后遗症', '骨关节炎', '高血压、糖尿病', '慢阻肺', '阿尔茨海默病早期', '白内障术后',
];

/** Kinds of disability for the notes (grade added by the generator). */
export const DISABILITY_KINDS: readonly string[] = ['肢体残疾', '视力残疾', '听力残疾', '言语残疾', '智力残疾', '精神残疾'];

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 40 → 四十, 99 → 九十九 (numbers below 1000). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  const rest = n % 100;
  return CN_DIGITS[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + CN_DIGITS[rest] : rest < 20 ? '一' + chineseNumber(rest) : chineseNumber(rest));
}

/** The i-th name of a pool; past the pool's end the names repeat with a number (幸福二 / Xingfu 2). */
export function poolName(pool: readonly [string, string][], i: number): [string, string] {
  const [zh, en] = pool[i % pool.length]!;
  const round = Math.floor(i / pool.length);
  return round === 0 ? [zh, en] : [zh + chineseNumber(round + 1), `${en} ${round + 1}`];
}
