/**
 * What the parsers briefing uses say about a broken file, in Chinese. The YAML library's messages
 * stay as they are in English (they are precise and searchable); in Chinese they are said afresh,
 * found by the message and, failing that, by the library's error code.
 */

/** yaml's message → our Chinese; the first that matches wins. */
const YAML_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Missing closing "quote/, () => '双引号 " 没有配对的结束引号'],
  [/^Missing closing 'quote/, () => "单引号 ' 没有配对的结束引号"],
  [/^Tabs are not allowed as indentation/, () => '缩进不能用制表符（Tab），请改用空格'],
  [/^Map keys must be unique/, () => '同一层中有重复的键'],
  [/^Nested mappings are not allowed in compact mappings/, () => '一行中出现了第二个“: ”；值中含有冒号时，请给整个值加引号'],
  [/^Block collections are not allowed within flow collections/, () => '方括号 [ ] 或花括号 { } 之内不能再分行写列表或映射'],
  [/^Implicit keys (of flow sequence pairs )?need to be on a single line/, () => '键必须写在一行之内（是否少了冒号或引号？）'],
  [/^Implicit map keys need to be followed by map values/, () => '键后面应有冒号和值'],
  [/^All (mapping|sequence) items must start at the same column/, () => '同一层的各项必须从同一列开始（检查缩进）'],
  [/^Sequence item without - indicator/, () => '列表项缺少开头的“- ”'],
  [/^Comments must be separated from other tokens/, () => '注释符 # 前面须有空格'],
  [/^Missing , or : between/, () => '各项之间缺少逗号或冒号'],
  [/^Missing , between/, () => '各项之间缺少逗号'],
  [/^Missing space after :/, () => '冒号后面须有空格'],
  [/^Plain value cannot start with (.+)$/, (m) => `不加引号的值不能以 ${m[1]} 开头；请给整个值加引号`],
  [/^Invalid escape sequence (.+)$/, (m) => `双引号文字中有无效的转义 ${m[1]}（要写反斜杠本身时请写两个 \\\\，或改用单引号）`],
  [/^Unresolved tag: (.+)$/, (m) => `不认识的标记 ${m[1]}`],
  [/^A block sequence may not be used as an implicit map key/, () => '列表不能用作键'],
  [/^Unexpected , in/, () => '多余的逗号'],
  [/^Unexpected empty item in/, () => '多余的逗号（两个逗号之间没有项）'],
  [/^Excessive alias count/, () => '别名（*）展开的次数过多，文件可能是恶意构造的'],
  [/^Source contains multiple documents/, () => '文件中有多个 YAML 文档（以 --- 分隔）；数据文件只能有一个'],
  [/^Block scalar/, () => '多行文字（| 或 >）的缩进不对'],
  [/^Tags and anchors must be separated/, () => '标记或锚点（! 或 &）后面须有空格'],
  [/^A node can have at most one (anchor|tag)/, () => '一个值只能有一个锚点（&）和一个标记（!）'],
  [/^(Alias|Anchor) cannot be an empty string/, () => '别名或锚点（* 或 &）后缺少名称'],
];

const YAML_CODES: Record<string, string> = {
  BAD_INDENT: '缩进不对',
  UNEXPECTED_TOKEN: '此处出现了意外的字符',
  MISSING_CHAR: '缺少必要的符号（冒号、逗号、引号或括号）',
  BAD_SCALAR_START: '值的开头字符需要加引号',
  DUPLICATE_KEY: '同一层中有重复的键',
  MULTIPLE_DOCS: '文件中有多个 YAML 文档（以 --- 分隔）；数据文件只能有一个',
  TAG_RESOLVE_FAILED: '标记（!）无法识别',
  BAD_ALIAS: '别名（*）或锚点（&）写法不对',
  RESOURCE_EXHAUSTION: '别名（*）展开的次数过多，文件可能是恶意构造的',
};

export function yamlReasonZh(message: string, code?: string): string {
  for (const [pattern, say] of YAML_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return (code && YAML_CODES[code]) ?? `无法解析${code ? `（${code}）` : ''}`;
}

/** jsonc-parser's error codes, in both languages. */
export const JSON_REASONS: Record<string, [string, string]> = {
  InvalidSymbol: ['unexpected character', '此处有意外的字符（JSON 的文字须用双引号，不能写 NaN 等值）'],
  InvalidNumberFormat: ['malformed number', '数字写法不对'],
  PropertyNameExpected: ['a quoted key is expected (no trailing comma before })', '此处应有带双引号的键（} 之前不能有多余的逗号）'],
  ValueExpected: ['a value is expected (no trailing comma before ])', '此处应有值（] 之前不能有多余的逗号）'],
  ColonExpected: ['a colon is expected after the key', '键后面应有冒号'],
  CommaExpected: ['a comma is expected between items', '各项之间应有逗号'],
  CloseBraceExpected: ['a closing } is expected', '缺少结束的 }'],
  CloseBracketExpected: ['a closing ] is expected', '缺少结束的 ]'],
  EndOfFileExpected: ['nothing may follow the top-level value', '最外层的值之后不能再有内容'],
  InvalidCommentToken: ['comments are not allowed in JSON', 'JSON 中不能写注释'],
  UnexpectedEndOfString: ['a string is not closed', '文字缺少结束的双引号'],
  UnexpectedEndOfComment: ['a comment is not closed', '注释没有结束'],
  InvalidUnicode: ['malformed \\u escape', '\\u 转义写法不对'],
  InvalidEscapeCharacter: ['malformed escape in a string', '文字中的转义写法不对'],
  InvalidCharacter: ['a control character in a string', '文字中有控制字符'],
};
