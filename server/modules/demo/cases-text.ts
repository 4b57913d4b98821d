/**
 * Words of the demo cases: what residents and grid workers write when they report (per category, with
 * place slots), and what staff write when they act (notes, reasons, ratings). Slots: {b} building
 * (幸福家园3号楼), {u} unit (2单元), {e} estate (幸福家园), {r} road (东明路), {n} a small number, {f} floor.
 */
import type { Rng } from './prng.js';

/** [category code, weight, descriptions]. Weights follow what grid systems and 12345 receive most. */
export const CASE_TEXTS: readonly [string, number, readonly string[]][] = [
  ['property.clutter', 14, [
    '{b}{u}楼道堆放纸箱和旧家具，影响通行',
    '{b}{u}一楼楼梯下堆满杂物和废旧自行车，存在消防隐患',
    '{b}{u}{f}楼走廊被邻居放了鞋柜和花盆，过道只剩半米宽',
    '{b}{u}楼道里堆着装修剩下的木板和涂料桶，好几个月没人清',
  ]],
  ['street_order.illegal_parking', 12, [
    '{r}{e}门口人行道上长期停放私家车，行人只能走机动车道',
    '{e}消防通道被私家车占用，晚上车辆停满',
    '{r}公交站旁常有车辆违停，公交车无法进站',
    '{b}楼下车辆乱停，早上车出不去',
  ]],
  ['urban.exposed_garbage', 10, [
    '{e}东门外空地有人乱倒生活垃圾，气味很大',
    '{r}绿化带里有大量塑料袋和饭盒，无人清理',
    '{b}后面空地堆了好几袋生活垃圾，招苍蝇',
  ]],
  ['facilities.lighting.light_out', 9, [
    '{r}{e}门口路段{n}盏路灯不亮，晚上一片漆黑',
    '{e}{b}旁边的路灯已经坏了一周，老人晚上出门不安全',
    '{r}路灯白天一直亮着，浪费电',
    '{r}与{e}交叉口路灯闪烁，时亮时灭',
  ]],
  ['street_order.bike_parking', 8, [
    '{r}地铁口共享单车堆成一片，盲道被占',
    '{e}门口电动车乱停，挡住出入口',
    '{r}人行道上共享单车倒了一地，无人整理',
  ]],
  ['urban.bin_overflow', 8, [
    '{e}{n}号垃圾投放点垃圾桶已满，两天没人清运',
    '{r}路边垃圾箱满溢，垃圾散落一地',
    '{b}楼下的垃圾桶装满了，夏天味道很重',
  ]],
  ['safety.ebike_charging', 7, [
    '{b}{u}有住户从{f}楼窗户拉电线给电动车充电',
    '{b}{u}楼道里停着{n}辆电动车在充电，晚上也不拔',
    '{e}有人把电动车推进电梯带回家充电',
  ]],
  ['street_order.outside_shop', 6, [
    '{r}{n}号水果店把货架摆到人行道上，行人无法通过',
    '{r}餐馆在门前人行道上摆桌椅经营',
    '{r}五金店门口堆放货物，占用盲道',
  ]],
  ['facilities.road.manhole', 5, [
    '{r}{e}门口井盖缺失，只用树枝挡着，很危险',
    '{e}{b}前的井盖破裂，车一压就响',
    '{r}机动车道上井盖下沉，车辆经过颠簸',
  ]],
  ['facilities.road.damage', 5, [
    '{r}靠近{e}路段路面有大坑，下雨积水看不见',
    '{e}小区主路路面开裂坑洼，老人容易绊倒',
    '{r}路面破损面积约{n}平方米，车辆绕行',
  ]],
  ['facilities.pipes.sewer', 5, [
    '{b}{u}楼下下水道堵塞，污水反到地面',
    '{e}门口下水井冒污水，臭味很大',
    '{r}雨水篦子被垃圾堵死，路面积水',
  ]],
  ['street_order.noise', 4, [
    '{e}广场舞音响声音太大，每晚九点后还在跳',
    '{r}{n}号商铺门口音箱整天大声播放促销广告',
    '{e}楼下烧烤店深夜喧哗，影响休息',
  ]],
  ['disputes.neighbour', 4, [
    '{b}{u}{f}楼住户家漏水到楼下，协商不成',
    '{b}{u}楼上住户深夜走动、拖动家具噪声大，多次沟通无果',
    '{b}邻居在公共走廊安装铁门，占用公共部位',
  ]],
  ['property.service', 4, [
    '{e}物业长期不打扫楼道，垃圾没人收',
    '{e}单元门禁坏了一个月，物业不修',
    '{e}物业保安夜间不在岗，外来车辆随意进出',
  ]],
  ['property.heating', 4, [
    '{b}{u}{f}楼暖气不热，室温只有十四五度',
    '{b}{u}暖气管道漏水，楼道结冰',
    '{e}整栋楼暖气时热时不热，家里有老人',
  ]],
  ['greenery.branches', 3, [
    '{b}前面大树树枝伸到{f}楼窗户，遮挡采光',
    '{r}行道树树枝挡住了交通标志牌',
    '{e}树枝挡住路灯，晚上路面很暗',
  ]],
  ['urban.illegal_flyers', 3, [
    '{b}{u}楼道墙上贴满了开锁、通下水的小广告',
    '{r}电线杆上贴满小广告',
    '{e}单元门上被喷涂办证电话',
  ]],
  ['construction.illegal_building', 3, [
    '{b}一楼住户在楼前私搭彩钢房',
    '{b}顶楼住户在楼顶加盖房屋',
    '{e}绿地上有人私自搭建棚子存放杂物',
  ]],
  ['greenery.occupied', 3, [
    '{e}{b}前的绿地被住户开垦种菜',
    '{e}有人在公共绿地上圈地种菜，还用粪水浇地',
  ]],
  ['safety.dogs', 3, [
    '{e}有人遛狗不拴绳，孩子被吓哭',
    '{e}小区里有{n}只流浪狗，晚上追人',
    '{r}经常有狗在人行道上大小便，主人不清理',
  ]],
  ['safety.fire_lane', 3, [
    '{e}消防通道被杂物和车辆堵死',
    '{b}{u}安全出口被锁住',
  ]],
  ['urban.dirty_road', 2, [
    '{r}路面有大片油污，行人容易滑倒',
    '{r}路边积雪一直没人清理，已经结冰',
  ]],
  ['urban.waste_pile', 2, [
    '{e}角落堆放建筑垃圾和渣土，长期不清运',
    '{r}路边空地堆满渣土，风一吹尘土飞扬',
  ]],
  ['facilities.road.sidewalk', 2, [
    '{r}人行道地砖松动，下雨踩上去溅一身泥水',
    '{r}盲道被破坏，中间缺了好几块砖',
  ]],
  ['facilities.lighting.cables', 2, [
    '{e}{b}旁网线和电线垂下来，快碰到人头了',
    '{r}通信线缆断了挂在树上',
  ]],
  ['facilities.pipes.waterlogging', 2, [
    '{r}下雨后路面积水过膝，车辆熄火',
    '{e}门口一下雨就积水，出不了门',
  ]],
  ['facilities.furniture.fitness', 2, [
    '{e}健身器材扭腰器坏了，转盘松动',
    '{e}儿童滑梯有裂口，容易划伤孩子',
  ]],
  ['property.lift', 2, [
    '{b}{u}电梯这周坏了三次，老人下不了楼',
    '{b}{u}电梯运行时有异响，大家不敢坐',
  ]],
  ['property.leak', 2, [
    '{b}顶楼{u}屋顶漏雨，墙皮大面积脱落',
    '{b}外墙渗水，{f}楼住户家墙面发霉',
  ]],
  ['street_order.hawkers', 2, [
    '{r}早市流动摊贩占道叫卖，堵塞交通',
    '{e}门口每天傍晚有三轮车卖菜，占用车道',
  ]],
  ['street_order.outdoor_bbq', 2, ['{r}夜市露天烧烤油烟很大，飘进居民家里', '{e}门口烧烤摊营业到凌晨']],
  ['construction.noise', 2, ['{r}工地夜里十一点还在施工，噪声很大', '{e}旁边工地中午也在打桩']],
  ['construction.waste', 1, ['{e}{b}旁有人倒了一堆装修垃圾', '{r}路边被倾倒大量建筑垃圾']],
  ['construction.dust', 1, ['{r}工地土方没有苫盖，刮风时扬尘严重']],
  ['construction.spill', 1, ['{r}渣土车沿路遗撒泥土，路面很脏']],
  ['construction.renovation', 1, ['{b}{u}{f}楼住户装修拆承重墙，楼下住户担心安全']],
  ['greenery.tree_fallen', 1, ['{r}大风吹断一棵树，横在路上', '{e}一棵树倾斜严重，快倒在车上了']],
  ['greenery.dead_tree', 1, ['{r}行道树枯死了一棵，需要补种']],
  ['greenery.damage', 1, ['{e}绿地被车辆碾压，草坪全毁了']],
  ['facilities.lighting.pole', 1, ['{r}路灯杆被车撞歪，随时可能倒下']],
  ['facilities.furniture.railing', 1, ['{r}道路护栏被撞断一截']],
  ['facilities.furniture.traffic_sign', 1, ['{r}路口红绿灯不亮，车辆乱行']],
  ['facilities.pipes.water_main', 1, ['{r}地面冒水，像是自来水管破了']],
  ['facilities.pipes.gas_facility', 1, ['{e}{b}旁燃气调压箱锈蚀严重，门也坏了']],
  ['facilities.road.collapse', 1, ['{r}路面突然塌了一个坑，直径约一米']],
  ['urban.illegal_signs', 1, ['{r}{n}号店铺招牌松动，刮风时晃动']],
  ['urban.open_burning', 1, ['{e}有人在空地焚烧树叶和垃圾，浓烟呛人']],
  ['urban.dirty_water', 1, ['{r}旁边河道水面漂浮大量垃圾，发黑发臭']],
  ['property.water_supply', 1, ['{b}{u}高层水压不足，{f}楼以上经常没水']],
  ['property.fees', 1, ['{e}物业收费不公示，停车费突然上涨']],
  ['property.maintenance_fund', 1, ['{b}{u}想申请维修资金修屋面，不知道怎么办']],
  ['disputes.family', 1, ['{b}{u}{f}楼老人反映子女不尽赡养义务']],
  ['disputes.property', 1, ['{e}业主与物业因收费问题发生纠纷']],
  ['disputes.labour', 1, ['{r}一家饭店拖欠{n}名员工两个月工资']],
  ['disputes.consumer', 1, ['{r}健身房突然关门，预付卡无法退款']],
  ['disputes.other', 1, ['{b}两户居民因借款纠纷多次争吵']],
  ['safety.fire', 1, ['{b}{u}楼道灭火器过期，消防栓没水']],
  ['safety.gas', 1, ['{r}{n}号饭店使用多个液化气瓶，摆放在门口']],
  ['safety.food', 1, ['{r}一家超市出售过期食品']],
  ['safety.pollution', 1, ['{r}饭店油烟直排，没有净化设备']],
  ['safety.dangerous_building', 1, ['{b}外墙出现大裂缝，住户担心安全']],
  ['safety.work_safety', 1, ['{r}一家仓库堆放大量易燃物品']],
  ['livelihood.elderly', 2, ['{b}{u}{f}楼独居老人行动不便，希望提供助餐服务', '{b}{u}独居老人这两天没出门，邻居敲门没人应']],
  ['livelihood.assistance', 1, ['{b}{u}一户居民因病致贫，咨询临时救助']],
  ['livelihood.water_cut', 1, ['{e}没有通知就停水一天了']],
  ['livelihood.power_cut', 1, ['{b}整栋楼停电，没有看到通知']],
  ['livelihood.suggestion', 1, ['建议在{e}门口增设一个公交站', '建议{e}增加充电桩，解决电动车充电难']],
  ['livelihood.health', 1, ['{e}老人想签约家庭医生，不知道去哪里办理']],
  ['livelihood.employment', 1, ['{b}{u}居民失业，希望参加技能培训']],
  ['other.enquiry', 1, ['咨询老旧小区改造什么时候轮到{e}']],
  ['other.praise', 1, ['感谢网格员帮{b}{u}独居老人修好了水管']],
  ['other.other', 1, ['{e}门口的快递柜占用了消防通道旁的空地']],
];

/** Categories a grid worker finds on patrol (the rest come from residents and the hotline). */
export const PATROL_GROUPS = ['urban', 'street_order', 'facilities', 'greenery', 'construction', 'safety.fire', 'safety.fire_lane', 'safety.ebike_charging', 'property.clutter'];

/** What a handler writes when it reports the work done (by top-level group). */
export const FINISH_NOTES: Record<string, readonly string[]> = {
  urban: ['已安排环卫人员清理完毕，现场恢复整洁', '已清运完毕，并在周边张贴文明提示'],
  street_order: ['已现场劝导，车辆已挪走，后续将加强巡查', '已责令商户整改，货物已搬回店内', '已联系车主挪车，并张贴提示'],
  facilities: ['已安排维修，现已恢复正常', '已更换损坏部件，现场恢复', '已设置警示并完成修复'],
  greenery: ['已安排园林人员修剪完毕', '已清理并补种'],
  construction: ['已责令停工整改，并告知施工时间规定', '已下达整改通知书，当事人已自行拆除'],
  property: ['已督促物业清理完毕', '已联系物业维修，现已恢复', '已入户沟通，住户已自行清理'],
  disputes: ['经调解双方达成一致意见', '已组织双方协商，问题已解决'],
  safety: ['已现场排查并督促整改，隐患已消除', '已联合物业清理，张贴安全提示'],
  livelihood: ['已上门了解情况并办理', '已协调相关单位解决'],
  emergency: ['已第一时间处置，险情已排除'],
  other: ['已答复并办理'],
};

export const REJECT_REASONS = ['经核实，该问题不属于本辖区管理范围，已告知居民向有关单位反映', '经现场核实，未发现所反映的问题', '反映内容不具体，已电话联系居民补充'];
export const CANCEL_REASONS = ['问题已自行解决', '重复提交'];
export const HAND_UP_REASONS = ['需职能部门执法处置，社区无执法权', '涉及多个产权单位，需上级协调', '超出社区处置能力，请求上级协调'];
export const RETURN_REASONS = ['该设施产权不属于本单位，请重新派遣', '经核实不属于本部门职责范围'];
export const PARK_REASONS = ['需纳入明年老旧小区改造计划统一解决', '涉及历史遗留问题，需等待政策明确', '维修资金尚未落实，暂时挂账'];
export const REWORK_REASONS = ['现场核查仍未清理干净，请返工', '居民反映问题依旧，请重新处理'];
export const EXTENSION_REASONS = ['需要等待配件到货', '涉及多个产权单位，需协调', '需走维修资金申请程序'];
export const PROGRESS_NOTES = ['已到现场查看，正在联系相关责任人', '已通知物业，约定明天处理', '正在调配人员和设备'];
export const RATING_COMMENTS = {
  satisfied: ['处理很及时，谢谢', '网格员很负责', '问题解决了，点赞'],
  basic: ['解决了，就是时间有点长', '基本满意'],
  unsatisfied: ['问题没有彻底解决，过两天又出现了', '处理太慢了'],
} as const;

/** Fills the slots of a template. */
export function fillText(t: string, rng: Rng, place: { building: string; estate: string; road: string }): string {
  return t
    .replaceAll('{b}', place.building)
    .replaceAll('{e}', place.estate)
    .replaceAll('{r}', place.road)
    .replaceAll('{u}', `${rng.int(1, 4)}单元`)
    .replaceAll('{f}', String(rng.int(2, 7)))
    .replaceAll('{n}', String(rng.int(2, 6)));
}

/** The top-level group of a category code (`facilities.road.damage` → `facilities`). */
export const groupOf = (code: string) => code.split('.')[0]!;
