/**
 * The categories module's table, `case_category` (事件分类), seeded with a working classification: eleven
 * top-level groups after the Tianque grid system and the digital urban-management catalogue (research:
 * grid-governance.md §3), with leaves a resident or a grid worker actually reports. Department codes are
 * the suffixes of the demo district's department codes (server/modules/demo/departments.ts: `<district>-CG`
 * → `CG`). Limits are working days; absent pairs fall back to the parent and then to the system defaults.
 */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

type Level = 'grid' | 'community' | 'street' | 'district';
type Pair = { yellow: number; red: number };
type Limits = { admin?: { accept?: Pair; handle?: Pair; verify?: Pair }; department?: { accept?: Pair; handle?: Pair; verify?: Pair } };
interface Opts {
  level?: Level;
  dept?: string | null;
  pub?: boolean;
  limits?: Limits;
}
/** [code, 中文名, English name, keywords (zh + en), 说明, help text, options]. The parent is the code minus its last segment. */
type Row = [string, string, string, string, string, string, Opts?];

const FAST: Limits = {
  admin: { accept: { yellow: 0.5, red: 1 }, handle: { yellow: 0.5, red: 1 } },
  department: { accept: { yellow: 0.5, red: 1 }, handle: { yellow: 1, red: 2 } },
};

const ROWS: Row[] = [
  // 市容环境 — city appearance
  ['urban', '市容环境', 'City appearance', '市容 环境 卫生 脏乱 垃圾 appearance sanitation litter', '街面、小区、水域的环境卫生问题', 'Cleanliness of streets, estates and waterways', { dept: 'CG' }],
  ['urban.exposed_garbage', '暴露垃圾', 'Exposed rubbish', '垃圾 乱扔 乱倒 生活垃圾 rubbish litter trash garbage', '道路、绿地、空地上散落或乱倒的生活垃圾', 'Household rubbish dropped or dumped on roads, lawns or open ground'],
  ['urban.waste_pile', '积存垃圾渣土', 'Piled waste and spoil', '渣土 积存 堆放 建筑垃圾 spoil debris heap', '长期堆积未清运的垃圾、渣土', 'Waste or soil heaped up and not taken away'],
  ['urban.dirty_road', '道路不洁', 'Dirty road', '道路 脏 油污 泥土 清扫 dirty road street cleaning', '路面有油污、泥土、积雪未清扫等', 'Oil, mud or uncleared snow on the road surface'],
  ['urban.bin_overflow', '垃圾桶满溢', 'Overflowing bins', '垃圾桶 垃圾箱 满溢 清运 bin overflowing collection', '垃圾桶、垃圾箱装满后无人清运', 'Bins or containers full and not emptied'],
  ['urban.dirty_water', '水域不洁', 'Dirty water surface', '河道 水面 漂浮物 河 湖 river pond floating waste', '河道、湖塘水面有漂浮垃圾或发黑发臭', 'Floating rubbish, black or smelly water in a river or pond', { dept: 'SW' }],
  ['urban.illegal_flyers', '非法小广告', 'Illegal flyers', '小广告 牛皮癣 张贴 喷涂 flyers stickers graffiti ads', '墙面、电杆、楼道里张贴或喷涂的小广告', 'Flyers stuck or sprayed on walls, poles or stairwells'],
  ['urban.illegal_signs', '违规广告牌匾', 'Illegal signs and banners', '广告牌 牌匾 横幅 招牌 sign billboard banner', '未经批准或破损、有坠落危险的广告牌、招牌、横幅', 'Unapproved signs, or damaged ones that could fall'],
  ['urban.open_burning', '露天焚烧', 'Open burning', '焚烧 烧垃圾 烧树叶 烟 burning smoke fire', '露天焚烧垃圾、树叶、秸秆等', 'Rubbish, leaves or straw burnt in the open', { dept: 'HB' }],

  // 街面秩序 — street order
  ['street_order', '街面秩序', 'Street order', '街面 秩序 占道 摆摊 停车 street order', '占道经营、乱停乱放等街面秩序问题', 'Stalls, parking and other disorder on the street', { dept: 'CG' }],
  ['street_order.illegal_parking', '机动车乱停放', 'Illegal car parking', '乱停车 停车 违停 占道停车 堵路 parking car blocked', '机动车停在人行道、消防通道或堵塞道路', 'Cars parked on pavements, fire lanes or blocking the road', { dept: 'GA' }],
  ['street_order.bike_parking', '非机动车乱停放', 'Bicycles parked in the way', '自行车 电动车 共享单车 乱停 bicycle bike e-bike shared bikes parking', '自行车、电动车、共享单车乱停乱放，影响通行', 'Bicycles, e-bikes or shared bikes left where people need to pass'],
  ['street_order.hawkers', '无照游商', 'Unlicensed street hawkers', '游商 小贩 摆摊 流动摊贩 hawker vendor stall', '流动摊贩占道叫卖', 'Mobile vendors selling on the street'],
  ['street_order.outside_shop', '店外经营、占道堆物', 'Trading or storing goods outside shops', '店外经营 出店 占道 堆物 goods pavement shop', '商户在店外摆放商品、堆放杂物占用人行道', 'Shops displaying goods or piling things on the pavement'],
  ['street_order.outdoor_bbq', '露天烧烤', 'Open-air barbecue', '烧烤 油烟 夜市 barbecue bbq smoke', '沿街露天烧烤，油烟扰民', 'Barbecues on the street, smoke bothering residents'],
  ['street_order.noise', '社会生活噪声', 'Noise from shops and activities', '噪音 噪声 扰民 音响 广场舞 喇叭 noise loudspeaker music', '商户音响、广场舞、喇叭叫卖等噪声扰民', 'Loud music, square dancing or loudspeakers disturbing residents', { dept: 'HB' }],
  ['street_order.begging', '流浪乞讨', 'Homeless people and begging', '流浪 乞讨 救助 homeless begging rescue', '发现需要救助的流浪乞讨人员', 'Homeless people or beggars who may need help', { dept: 'MZ' }],

  // 市政设施 — public facilities (three levels)
  ['facilities', '市政设施', 'Public facilities', '市政 设施 损坏 维修 facilities repair', '道路、管线、路灯等公共设施损坏', 'Damage to roads, pipes, street lights and other public facilities', { dept: 'ZJ' }],
  ['facilities.road', '道路桥梁', 'Roads and bridges', '道路 桥梁 路面 road bridge', '', ''],
  ['facilities.road.damage', '路面破损', 'Damaged road surface', '坑洼 坑 破损 路面 pothole road surface', '车行道坑洼、开裂、破损', 'Potholes, cracks or broken road surface'],
  ['facilities.road.collapse', '路面塌陷', 'Road collapse', '塌陷 塌方 下沉 sinkhole collapse subsidence', '路面突然下陷、塌坑，有安全危险', 'The road has sunk or caved in: a danger to traffic', { limits: FAST }],
  ['facilities.road.manhole', '井盖缺失或破损', 'Missing or broken manhole cover', '井盖 窨井 下水井 manhole cover', '井盖丢失、破碎、松动或高低不平', 'A manhole cover is missing, broken, loose or uneven', { dept: 'CG', limits: FAST }],
  ['facilities.road.sidewalk', '人行道破损', 'Broken pavement', '人行道 步道 地砖 盲道 pavement sidewalk tiles', '人行道地砖松动、缺失，盲道损坏', 'Loose or missing paving stones, damaged tactile paving'],
  ['facilities.pipes', '供排水与燃气设施', 'Water, drains and gas', '管道 管线 水管 下水 pipes drains', '', ''],
  ['facilities.pipes.water_main', '供水管道破裂', 'Burst water main', '水管 爆管 漏水 冒水 burst pipe water leak', '地面冒水、供水管道破裂漏水', 'Water gushing from the ground or a burst supply pipe', { dept: 'SW', limits: FAST }],
  ['facilities.pipes.sewer', '下水道堵塞或破损', 'Blocked or broken sewer', '下水道 堵塞 污水 外溢 返水 sewer drain blocked overflow', '下水道堵塞、污水外溢或管道破损', 'A blocked drain, overflowing sewage or a broken sewer', { dept: 'SW' }],
  ['facilities.pipes.waterlogging', '道路积水', 'Flooded road', '积水 内涝 雨水 排水 flooding puddle waterlogging', '下雨后路面积水排不出去', 'Rainwater that does not drain from the road', { dept: 'SW' }],
  ['facilities.pipes.gas_facility', '燃气设施损坏', 'Damaged gas facilities', '燃气 煤气 调压箱 管道 gas pipe regulator', '燃气管道、调压箱等设施损坏（闻到燃气味请报“燃气泄漏”）', 'Damaged gas pipes or regulator boxes (if you smell gas, report a gas leak)', { dept: 'RQ' }],
  ['facilities.lighting', '路灯与线缆', 'Street lights and cables', '路灯 线缆 电线 lights cables', '', ''],
  ['facilities.lighting.light_out', '路灯不亮', 'Street light out', '路灯 不亮 灯坏 照明 street light lamp dark', '路灯不亮、白天常亮或闪烁', 'A street light that is out, flickers or stays on by day', { dept: 'CG' }],
  ['facilities.lighting.pole', '灯杆、线杆损坏', 'Damaged lamp or utility pole', '灯杆 电线杆 倾斜 pole leaning', '灯杆、电线杆倾斜、锈蚀或被撞坏', 'A lamp or utility pole leaning, rusted or hit', { dept: 'CG' }],
  ['facilities.lighting.cables', '架空线缆杂乱垂落', 'Hanging or fallen cables', '电线 网线 垂落 飞线 cable wire hanging', '电线、通信线缆杂乱、垂落或拦路', 'Power or telecom cables tangled, hanging low or across the way', { dept: 'GD' }],
  ['facilities.furniture', '公共设施', 'Street furniture', '设施 公共设施 street furniture', '', ''],
  ['facilities.furniture.traffic_sign', '交通标志、信号灯损坏', 'Broken traffic sign or signal', '红绿灯 信号灯 交通标志 标线 traffic light sign', '交通信号灯故障、标志牌缺失或倒伏', 'Traffic lights not working, signs missing or knocked down', { dept: 'GA' }],
  ['facilities.furniture.fitness', '健身器材损坏', 'Broken fitness equipment', '健身器材 健身路径 fitness equipment', '小区、广场健身器材损坏，有伤人风险', 'Broken outdoor fitness equipment that could hurt someone', { dept: null }],
  ['facilities.furniture.railing', '护栏、隔离设施损坏', 'Damaged railings or barriers', '护栏 栏杆 隔离墩 石墩 railing barrier bollard', '道路护栏、隔离墩、栏杆损坏或缺失', 'Road railings, bollards or barriers damaged or missing'],

  // 园林绿化 — greenery
  ['greenery', '园林绿化', 'Greenery', '绿化 树木 绿地 园林 trees green', '树木、绿地的养护问题', 'Care of trees and green spaces', { dept: 'CG' }],
  ['greenery.tree_fallen', '树木倒伏或折断', 'Fallen or broken tree', '倒树 树倒 断枝 大树 fallen tree branch', '树木倒伏、倾斜或粗枝折断，影响安全', 'A tree down, leaning or with a large broken branch', { limits: { department: { accept: { yellow: 0.5, red: 1 }, handle: { yellow: 1, red: 2 } } } }],
  ['greenery.branches', '树枝遮挡', 'Overhanging branches', '树枝 修剪 遮挡 挡光 branches pruning blocking', '树枝遮挡路灯、交通标志或居民窗户，需要修剪', 'Branches hiding street lights or signs, or blocking windows'],
  ['greenery.dead_tree', '枯死树木', 'Dead tree', '枯树 死树 dead tree', '树木枯死需要清除或补植', 'A dead tree to remove or replace'],
  ['greenery.damage', '绿地毁坏', 'Damaged green space', '绿地 草坪 踩踏 毁绿 lawn planting damage', '绿地被踩踏、碾压，花木被毁', 'Lawns trampled or driven over, plants destroyed'],
  ['greenery.occupied', '侵占绿地', 'Green space taken over', '毁绿种菜 种菜 占绿 圈地 vegetable plot', '在公共绿地种菜、圈占、堆放杂物', 'Vegetables grown, fenced or things stored on public green space'],

  // 施工管理 — construction
  ['construction', '施工管理', 'Construction', '施工 工地 建设 construction site', '工地和施工带来的问题', 'Problems caused by building sites and works', { dept: 'CG', level: 'street' }],
  ['construction.noise', '施工扰民', 'Construction noise', '施工噪音 夜间施工 扰民 construction noise night', '夜间或午休时间施工噪声扰民', 'Noisy works at night or during the midday rest', { limits: { department: { handle: { yellow: 1, red: 2 } } } }],
  ['construction.dust', '工地扬尘', 'Dust from a building site', '扬尘 灰尘 未苫盖 dust site cover', '工地土方未苫盖、未洒水，扬尘严重', 'Uncovered soil, no watering, dust blowing from a site', { dept: 'HB' }],
  ['construction.spill', '道路遗撒', 'Spilled loads on the road', '遗撒 渣土车 抛洒 泥土 spill truck mud', '渣土车、运输车辆沿路遗撒泥土、砂石', 'Trucks dropping mud, sand or gravel along the road'],
  ['construction.waste', '施工废弃料乱倒', 'Dumped construction waste', '建筑垃圾 装修垃圾 废料 乱倒 construction waste dumping', '建筑、装修垃圾随意倾倒', 'Building or renovation waste dumped anywhere'],
  ['construction.illegal_building', '私搭乱建', 'Illegal structures', '违建 违章建筑 私搭乱建 加建 illegal building extension shed', '未经批准搭建的房屋、棚子、围墙等', 'Buildings, sheds or walls put up without permission', { level: 'community', limits: { department: { handle: { yellow: 10, red: 20 } } } }],
  ['construction.renovation', '违规装修', 'Illegal alterations in a flat', '装修 拆墙 承重墙 改造 renovation load-bearing wall', '装修拆改承重墙、破坏房屋结构等', 'Renovation that removes load-bearing walls or harms the structure', { dept: 'ZJ', level: 'community' }],

  // 物业管理 — property management
  ['property', '物业管理', 'Property management', '物业 小区 业主 property estate owners', '住宅小区物业服务和设施问题', 'Property management and shared facilities of housing estates', { dept: 'ZJ' }],
  ['property.service', '物业服务不到位', 'Poor property management service', '物业 服务 不作为 保洁 保安 service cleaning security', '物业公司保洁、保安、维修等服务不到位', 'The property company neglects cleaning, security or repairs'],
  ['property.lift', '电梯故障', 'Lift out of order', '电梯 困人 停运 elevator lift', '电梯停运、异响或经常故障（有人被困请拨打电梯内应急电话）', 'Lift stopped or often broken (if someone is trapped, use the lift’s emergency phone)', { dept: 'SJ' }],
  ['property.water_supply', '二次供水问题', 'Building water supply', '二次供水 水压 水箱 水质 water pressure tank', '楼内水压不足、水箱不洁或水质异常', 'Low water pressure, a dirty roof tank or odd tap water', { dept: 'SW' }],
  ['property.heating', '供暖问题', 'Heating problems', '暖气 供暖 不热 漏水 heating radiator cold', '供暖期暖气不热、漏水或停暖', 'Radiators cold, leaking or off during the heating season'],
  ['property.leak', '房屋漏雨渗水', 'Leaking roof or walls', '漏雨 渗水 屋顶 外墙 leak roof damp', '屋面、外墙、公共管道漏雨渗水', 'Rain or water coming through roofs, outer walls or shared pipes'],
  ['property.clutter', '楼道堆物', 'Clutter in stairwells', '楼道 堆物 杂物 占用 stairwell clutter', '楼道、走廊堆放杂物，影响通行和消防安全', 'Things stored in stairwells or corridors, blocking escape', { dept: null }],
  ['property.fees', '物业收费问题', 'Property fees', '物业费 收费 停车费 公示 fees charges', '物业乱收费、收费不公示', 'Unfair or undisclosed fees by the property company'],
  ['property.maintenance_fund', '专项维修资金', 'Maintenance fund', '维修资金 维修基金 使用 maintenance fund', '住宅专项维修资金申请、使用问题', 'Applying for or using the estate maintenance fund', { limits: { department: { handle: { yellow: 10, red: 20 } } } }],

  // 矛盾纠纷 — disputes
  ['disputes', '矛盾纠纷', 'Disputes', '纠纷 矛盾 调解 dispute mediation', '需要调解的矛盾纠纷', 'Disputes that need mediation', { dept: 'SF', limits: { admin: { handle: { yellow: 3, red: 5 } }, department: { handle: { yellow: 10, red: 15 } } } }],
  ['disputes.neighbour', '邻里纠纷', 'Neighbour dispute', '邻居 邻里 漏水 噪音 占用 neighbour', '邻居之间因漏水、噪声、占用公共部位等发生的纠纷', 'Disputes between neighbours over leaks, noise or shared space'],
  ['disputes.family', '婚姻家庭纠纷', 'Family dispute', '家庭 婚姻 赡养 抚养 继承 family marriage support inheritance', '婚姻、赡养、抚养、继承等家庭纠纷', 'Family disputes over marriage, support of parents or children, or inheritance'],
  ['disputes.property', '物业纠纷', 'Dispute with the property company', '物业纠纷 业主 物业公司 property dispute owners', '业主与物业公司之间的纠纷', 'Disputes between owners and the property company', { dept: 'ZJ' }],
  ['disputes.labour', '劳资纠纷', 'Labour dispute or unpaid wages', '欠薪 拖欠工资 讨薪 劳动 wages unpaid labour', '拖欠工资、劳动合同等劳资纠纷', 'Unpaid wages or employment contract disputes', { dept: 'RS' }],
  ['disputes.demolition', '征收拆迁纠纷', 'Requisition and demolition dispute', '拆迁 征收 补偿 安置 demolition requisition compensation', '房屋征收、拆迁补偿安置引起的纠纷', 'Disputes over requisition, demolition or resettlement', { dept: 'ZJ', level: 'street' }],
  ['disputes.consumer', '消费纠纷', 'Consumer dispute', '消费 退款 商家 假货 预付卡 consumer refund shop', '与商家之间的消费纠纷', 'Disputes with shops or service providers', { dept: 'SJ' }],
  ['disputes.medical', '医患纠纷', 'Doctor–patient dispute', '医患 医院 医疗 medical hospital', '与医院、诊所之间的医疗纠纷', 'Disputes with a hospital or clinic over treatment', { dept: 'WJ', level: 'street' }],
  ['disputes.other', '其他纠纷', 'Other dispute', '纠纷 合同 借贷 dispute contract debt', '合同、借贷等其他民间纠纷', 'Contract, debt and other civil disputes'],

  // 治安/安全隐患 — public security and safety hazards
  ['safety', '治安/安全隐患', 'Public security and safety hazards', '安全 隐患 治安 safety hazard security', '消防、燃气、食品等安全隐患和治安问题', 'Fire, gas, food and other hazards, and public order', { dept: 'YJ' }],
  ['safety.fire', '消防安全隐患', 'Fire hazard', '消防 火灾隐患 灭火器 消防栓 fire extinguisher hydrant', '消防设施损坏、缺失或存在火灾隐患', 'Fire equipment broken or missing, or a risk of fire'],
  ['safety.fire_lane', '消防通道堵塞', 'Blocked fire lane or exit', '消防通道 安全出口 堵塞 fire lane exit blocked', '消防车通道、安全出口被占用、堵塞或锁闭', 'Fire lanes or emergency exits blocked or locked'],
  ['safety.ebike_charging', '电动车违规充电', 'Unsafe e-bike charging', '电动车 充电 飞线 入户 楼道充电 e-bike charging cable', '电动车进楼入户、楼道充电或私拉电线“飞线充电”', 'E-bikes charged indoors, in stairwells or from cables strung out of windows'],
  ['safety.gas', '燃气安全隐患', 'Gas safety hazard', '燃气 煤气 液化气 气瓶 gas cylinder hazard', '违规使用液化气瓶、燃气软管老化等隐患', 'Unsafe gas cylinders, old hoses and other gas hazards', { dept: 'RQ' }],
  ['safety.work_safety', '安全生产隐患', 'Workplace safety hazard', '安全生产 工厂 仓库 危险品 workplace factory warehouse', '商铺、工厂、仓库存在安全生产隐患', 'Safety hazards in shops, factories or warehouses'],
  ['safety.food', '食品安全', 'Food safety', '食品 过期 卫生 餐馆 food expired hygiene restaurant', '出售过期变质食品、餐饮卫生问题', 'Expired or spoiled food on sale, hygiene in restaurants', { dept: 'SJ' }],
  ['safety.dangerous_building', '危房隐患', 'Unsafe building', '危房 裂缝 墙体 倒塌 unsafe building crack', '房屋墙体开裂、倾斜等危险迹象', 'Cracked or leaning walls and other signs a building is unsafe', { dept: 'ZJ' }],
  ['safety.pollution', '环境污染', 'Pollution', '污染 排污 异味 油烟 废水 pollution odour sewage', '偷排污水、异味、油烟等环境污染', 'Illegal discharges, smells, cooking fumes and other pollution', { dept: 'HB' }],
  ['safety.dogs', '犬只管理', 'Dogs', '狗 犬 遛狗 不拴绳 流浪狗 咬人 dog leash stray bite', '遛狗不拴绳、流浪犬、犬只伤人', 'Dogs off the lead, stray dogs, dog bites', { dept: 'GA' }],
  ['safety.public_order', '公共场所秩序', 'Disorder in public places', '打架 斗殴 醉酒 滋事 fight drunk disorder', '打架、醉酒滋事等扰乱公共秩序的行为（正在发生请拨打 110）', 'Fights, drunken trouble and other disorder (if it is happening now, call 110)', { dept: 'GA', level: 'street' }],
  ['safety.theft', '盗窃抢劫线索', 'Theft and robbery leads', '盗窃 抢劫 抢夺 theft robbery', '盗窃、抢劫、抢夺等案件线索', 'Leads on theft, robbery or snatching', { dept: 'GA', pub: false, level: 'street' }],
  ['safety.gambling', '赌博线索', 'Gambling leads', '赌博 聚赌 gambling', '聚众赌博等线索', 'Leads on organised gambling', { dept: 'GA', pub: false, level: 'street' }],
  ['safety.prostitution', '卖淫嫖娼线索', 'Prostitution leads', '卖淫 嫖娼 prostitution', '卖淫嫖娼等线索', 'Leads on prostitution', { dept: 'GA', pub: false, level: 'street' }],
  ['safety.drugs', '涉毒线索', 'Drug leads', '毒品 吸毒 贩毒 drugs', '吸毒、贩毒等线索', 'Leads on drug use or dealing', { dept: 'GA', pub: false, level: 'street' }],
  ['safety.gangs', '黑恶势力线索', 'Organised-crime leads', '黑恶 黑社会 欺行霸市 gang organised crime', '黑恶势力违法犯罪线索', 'Leads on criminal gangs', { dept: 'GA', pub: false, level: 'district' }],
  ['safety.special_population', '特殊人群异常情况', 'Person under care behaving unusually', '特殊人群 精神障碍 社区矫正 刑满释放 吸毒人员 special population', '严重精神障碍患者、社区矫正对象等特殊人群的异常情况', 'Unusual behaviour of a person with severe mental illness, on community correction or similar', { dept: null, pub: false }],

  // 民生服务 — livelihood services
  ['livelihood', '民生服务', 'Livelihood services', '民生 服务 求助 帮助 help services', '需要社区或政府帮助办理的民生事项', 'Everyday services and help from the community or government', { dept: 'MZ', limits: { admin: { handle: { yellow: 3, red: 5 } } } }],
  ['livelihood.elderly', '养老服务', 'Elderly care', '老人 养老 独居 助餐 elderly old people meals', '独居老人照料、助餐、居家养老等需求', 'Care, meals and home help for older people'],
  ['livelihood.assistance', '困难救助', 'Hardship assistance', '低保 救助 困难 临时救助 hardship welfare allowance', '低保、临时救助等困难群众求助', 'Minimum living allowance, emergency assistance and other hardship help'],
  ['livelihood.disability', '残疾人服务', 'Services for disabled people', '残疾 残疾人 无障碍 disabled accessibility', '残疾人帮扶、无障碍设施等', 'Support for disabled people, step-free access'],
  ['livelihood.employment', '就业服务', 'Jobs and training', '就业 找工作 培训 失业 job training unemployment', '求职、就业培训、失业登记', 'Finding work, job training, registering as unemployed', { dept: 'RS' }],
  ['livelihood.social_security', '社保医保', 'Pensions and medical insurance', '社保 医保 养老金 退休 pension insurance', '社会保险、医疗保险办理与咨询', 'Pension and medical insurance matters', { dept: 'RS' }],
  ['livelihood.health', '医疗卫生', 'Health services', '医疗 看病 疫苗 卫生 health clinic vaccine', '社区医疗、疫苗接种、家庭医生等', 'Community clinics, vaccination, family doctors', { dept: 'WJ' }],
  ['livelihood.education', '教育入学', 'School places', '上学 入学 学校 幼儿园 school kindergarten', '入学、入园等教育问题', 'School and kindergarten places', { dept: null }],
  ['livelihood.water_cut', '停水或水质问题', 'Water cut or water quality', '停水 没水 水质 浑浊 water cut supply quality', '无通知停水、自来水浑浊有异味', 'Water cut without notice, cloudy or smelly tap water', { dept: 'SW' }],
  ['livelihood.power_cut', '停电或电压不稳', 'Power cut or unstable voltage', '停电 断电 电压 power cut outage voltage', '无通知停电、电压不稳', 'Power cut without notice or unstable voltage', { dept: 'GD' }],
  ['livelihood.suggestion', '意见建议', 'Suggestions', '建议 意见 提议 suggestion idea', '对社区建设和服务的意见建议', 'Ideas for the neighbourhood and its services', { dept: null }],

  // 突发事件 — emergencies
  ['emergency', '突发事件', 'Emergencies', '突发 紧急 险情 emergency urgent', '正在发生、需要马上处置的险情（危及生命请先拨打 110、119、120）', 'Dangers happening now (if lives are at risk, call 110, 119 or 120 first)', { dept: 'YJ', level: 'street', limits: FAST }],
  ['emergency.fire', '火灾', 'Fire', '火灾 着火 冒烟 fire smoke', '着火、冒烟（请先拨打 119）', 'Fire or smoke (call 119 first)'],
  ['emergency.gas_leak', '燃气泄漏', 'Gas leak', '燃气泄漏 煤气味 漏气 gas leak smell', '闻到燃气味、燃气泄漏（请先拨打燃气抢修电话，勿开关电器）', 'Smell of gas or a gas leak (call the gas emergency line; do not switch anything on or off)', { dept: 'RQ' }],
  ['emergency.flood', '内涝险情', 'Flooding', '内涝 淹水 进水 暴雨 flood heavy rain', '暴雨造成道路、地下室、小区被淹', 'Roads, basements or estates flooded by heavy rain', { dept: 'SW' }],
  ['emergency.collapse', '房屋或构筑物倒塌', 'Collapsed building or structure', '倒塌 坍塌 墙倒 collapse wall', '房屋、围墙、广告牌等倒塌', 'A building, wall or billboard has collapsed'],
  ['emergency.traffic', '交通事故', 'Traffic accident', '车祸 交通事故 撞车 accident crash', '道路交通事故（有人员受伤请拨打 120、122）', 'A road accident (if anyone is hurt, call 120 and 122)', { dept: 'GA' }],
  ['emergency.public_health', '突发公共卫生事件', 'Public health emergency', '疫情 中毒 传染病 outbreak poisoning infection', '集体食物中毒、传染病疫情等', 'Mass food poisoning, outbreaks of infectious disease', { dept: 'WJ', level: 'district' }],
  ['emergency.mass_incident', '群体性事件', 'Mass incident', '聚集 群体 上访 gathering protest', '人员聚集、群体性事件苗头', 'Gatherings and early signs of a mass incident', { dept: 'GA', pub: false, level: 'district' }],

  // 其他 — other
  ['other', '其他', 'Other', '其他 other', '不属于以上分类的事项', 'Anything that fits none of the groups above', { dept: null }],
  ['other.other', '其他问题', 'Something else', '其他 问题 other problem', '找不到合适分类时选这一项，工作人员会重新归类', 'Choose this when nothing else fits: staff will re-file it'],
  ['other.enquiry', '政策咨询', 'Policy enquiry', '咨询 政策 怎么办 enquiry question policy', '对政策、办事流程的咨询', 'Questions about policies and how to get things done'],
  ['other.praise', '表扬感谢', 'Praise and thanks', '表扬 感谢 好评 praise thanks', '对工作人员、志愿者的表扬感谢', 'Thanks for staff or volunteers'],
];

const lit = (v: string | null) => (v === null ? 'null' : `'${v.replace(/'/g, "''")}'`);

/** One INSERT per row; a leaf takes its group's department and level unless it names its own. */
function seedStatements(rows: Row[]): string[] {
  const inherited = new Map<string, { level: Level; dept: string | null }>();
  const sortIn = new Map<string, number>();
  return rows.map(([code, zh, en, keywords, dZh, dEn, o = {}]) => {
    const parent = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
    const up = parent ? inherited.get(parent)! : { level: 'community' as Level, dept: null };
    const level = o.level ?? up.level;
    const dept = o.dept !== undefined ? o.dept : up.dept;
    inherited.set(code, { level, dept });
    const sort = (sortIn.get(parent ?? '') ?? 0) + 10;
    sortIn.set(parent ?? '', sort);
    const parentSql = parent ? `(select id from case_category where code = ${lit(parent)})` : 'null';
    const limits = o.limits ? `${lit(JSON.stringify(o.limits))}::jsonb` : 'null';
    return `insert into case_category (parent_id, code, name_zh, name_en, keywords, description_zh, description_en, default_level,
      default_department_code, limits, public, sort)
      values (${parentSql}, ${lit(code)}, ${lit(zh)}, ${lit(en)}, ${lit(keywords)}, ${lit(dZh)}, ${lit(dEn)}, ${lit(level)},
      ${lit(dept)}, ${limits}, ${o.pub === false ? 'false' : 'true'}, ${sort})`;
  });
}

const up: string[] = [
  `create table case_category (
    id integer generated by default as identity primary key,
    parent_id integer references case_category(id),
    code text not null unique check (code ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' and length(code) <= 80),
    name_zh text not null check (length(name_zh) between 1 and 50),
    name_en text not null check (length(name_en) between 1 and 100),
    keywords text not null default '',
    description_zh text not null default '',
    description_en text not null default '',
    default_level text not null default 'community' check (default_level in ('grid', 'community', 'street', 'district')),
    default_department_code text,
    limits jsonb check (limits is null or jsonb_typeof(limits) = 'object'),
    public boolean not null default true,
    active boolean not null default true,
    sort integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (parent_id is null or parent_id <> id)
  )`,
  `create index case_category_parent on case_category (parent_id, sort)`,
  ...seedStatements(ROWS),
];

export const categories: Migration = {
  up: (db) => runStatements(db, up),
};
