/*
 * Chinese customers name the same thing many ways: 撤销, 撤回 and 作废 all mean
 * cancel; 寄回, 退回 and 还回去 all mean sending goods back. A model trained on a
 * few dozen phrases sees only some of them, so each group below gives its
 * members one shared concept feature. The groups are written by hand for
 * customer service in retail and manufacturing, where FlowDesk's templates
 * start; a variant missing here costs nothing but that help.
 */

const GROUPS: Readonly<Record<string, readonly string[]>> = {
  // Orders and delivery.
  cancel: ['取消', '撤销', '撤回', '撤单', '作废', '关单', '终止', '中止'],
  unpaid: ['未付款', '未支付', '待付款', '待支付', '没付款', '没付钱'],
  ship: ['发货', '寄出', '发出', '出库', '出货'],
  parcel: ['快递', '包裹', '快件', '物流', '运单'],
  deliver: ['配送', '派送', '送货', '送达'],
  // After-sales.
  sendBack: ['退货', '退回', '寄回', '退还', '寄还', '送回'],
  refund: ['退款', '退钱', '退费', '返款'],
  exchange: ['换货', '调换', '更换', '换新'],
  complain: ['投诉', '举报', '维权', '消协'],
  rude: ['态度差', '没礼貌', '不礼貌', '冷漠', '敷衍'],
  deceive: ['欺骗', '骗人', '虚假', '误导'],
  manager: ['领导', '经理', '主管', '负责人'],
  angry: ['生气', '愤怒', '不满', '失望'],
  // Equipment faults.
  breaker: ['跳闸', '掉闸', '空开', '空气开关', '断路器', '漏保'],
  fuse: ['保险丝', '熔断器', '熔断'],
  powerLoss: ['断电', '掉电', '没电', '停电', '不通电'],
  burn: ['烧坏', '烧焦', '冒烟', '打火', '火花'],
  noise: ['异响', '噪音', '响声'],
  vibration: ['振动', '震动', '抖动', '晃动'],
  leak: ['漏油', '渗油', '滴油', '漏气', '漏水'],
  wear: ['磨损', '磨坏', '磨平'],
  loose: ['松动', '松了'],
  hang: ['死机', '冻结', '无响应', '闪退', '蓝屏'],
  screen: ['界面', '画面', '屏幕', '触摸屏', '人机界面'],
  software: ['程序', '软件', '系统', '固件'],
  upgrade: ['升级', '更新', '补丁'],
  network: ['通讯', '通信', '联网', '网络'],
  login: ['登录', '密码', '账号', '权限'],
};

/** Concept features of a normalised (NFKC, lower-cased) text: one per group it mentions. */
export function synonymFeatures(normalized: string, out: string[]): void {
  for (const [concept, variants] of Object.entries(GROUPS)) {
    if (variants.some((variant) => normalized.includes(variant))) out.push(`s:${concept}`);
  }
}
