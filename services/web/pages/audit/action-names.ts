/**
 * What each audited action means, in the words an auditor uses. The code stays beside the name
 * (it is what the filter takes); an action missing here shows its code alone, and a test lists
 * every action the code base appends so none is forgotten.
 */
export const AUDIT_ACTION_NAMES: Readonly<Record<string, string>> = {
  'auth.login': '登录', 'auth.login_failed': '登录失败', 'auth.login_throttled': '登录受限（失败过多）', 'auth.logout': '退出登录',
  'transaction.ingested': '业务接入', 'transaction.revised': '业务修订', 'assessment.updated': '风险评估更新',
  'alert.raised': '产生告警', 'alert.assigned': '指派告警', 'alert.decided': '告警审核决定', 'alert.settled': '告警裁决',
  'photos.checked': '照片自动检测', 'photo.reviewed': '照片人工审核', 'photos.verdict-policy.updated': '修改照片判定策略',
  'ruleset.created': '新建规则集草案', 'ruleset.updated': '修改规则集草案', 'ruleset.submitted': '提交规则集审批',
  'ruleset.published': '发布规则集', 'ruleset.rejected': '驳回规则集', 'ruleset.retired': '停用规则集',
  'reference.imported': '导入参考数据', 'reference.entity_put': '更新参考数据条目',
  'user.created': '创建用户', 'user.updated': '修改用户', 'token.created': '签发 API 令牌', 'token.revoked': '吊销 API 令牌',
  'personal_data.read': '查看完整个人信息',
  'investigation.search': '调查查询', 'investigation.person': '查看人员档案', 'investigation.ring': '查看团伙',
  'investigation.rings': '查看团伙列表', 'investigation.suspects': '查看嫌疑人名单', 'investigation.suspects_exported': '导出嫌疑人名单',
  'investigation.colluding_handlers': '查看串通经办人',
  'person_link.confirmed': '确认为同一人', 'person_link.split': '拆分为不同人',
  'intermediaries.recompute_requested': '请求中介全量识别', 'intermediaries.recomputed': '中介全量识别完成',
  'intermediaries.rings_refreshed': '团伙刷新', 'intermediaries.person_ref_secret_created': '生成人员链接密钥', 'rings.published': '发布团伙识别结果',
  'spot-check.drawn': '双随机抽取', 'spot-check.decided': '抽查结论',
  'demo.seeded': '载入演示数据', 'demo.photos': '载入演示照片',
};

/** What kind of thing an entry is about, in the same words (the type's code is what the filter takes). */
export const AUDIT_ENTITY_NAMES: Readonly<Record<string, string>> = {
  transaction: '业务', alert: '告警', photo: '照片', user: '用户', api_token: 'API 令牌', rule_set: '规则集', reference: '参考数据',
  setting: '设置', job: '任务', search: '查询', person: '人员', person_link: '人员关联', intermediary_suspect: '嫌疑人',
  intermediary_ring: '团伙', intermediary_run: '中介识别', colluding_handler: '串通经办人',
  spot_check_draw: '抽查批次', spot_check_item: '抽查条目',
};
