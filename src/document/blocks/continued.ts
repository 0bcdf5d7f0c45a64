/**
 * What a continued box or table says on the next page: the title or caption followed by （续）, or
 * 续表 above a table that has no caption — the marks of Chinese book and report typesetting.
 */
export const CONTINUED = '（续）';
export const CONTINUED_TABLE = '续表';
