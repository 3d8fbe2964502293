/**
 * Department or government, for the deadline of 条例 第四十九条. A 人民政府办公室 (or 管委会办公室) is
 * a department; a 人民政府, 管委会 or a bare place name publishes the government's overall report.
 */
export function agencyTypeOf(agency: string | null): 'department' | 'government' | null {
  if (!agency) return null;
  const name = agency.replace(/\s/g, '');
  if (/(办公室|办公厅|局|委员会|委|办|中心|厅|署|院|所|站|队|部|处|馆|司|公司)$/.test(name)) return 'department';
  if (/(人民政府|政府|管委会|管理委员会|实验区|新区|开发区|[省市县区旗镇乡]|街道)$/.test(name)) return 'government';
  return null;
}
