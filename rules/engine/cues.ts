/**
 * Linguistic cues the engine itself handles, so that no rule has to: negation and its reach, conditions
 * whose own 不 negates nothing (再不还…), consequence markers that end a negation's reach (…就…), rhetorical
 * questions that assert (难道…), reported speech (您说…, you said…), fraud warnings that name authorities as
 * impostors (谨防冒充…), and conjunctions that open a new clause (但是, but).
 * Written from the grammar (see research/language-notes.md §1–2), not from any corpus.
 */
export const CUES = {
  negation: [
    // zh
    '不', '没', '没有', '未', '别', '勿', '无', '非', '绝不', '决不', '并不', '从不', '从来不', '从没', '不会', '不要',
    '不得', '不能', '不可能', '不必', '无需', '无须', '拒绝', '禁止', '严禁', '杜绝', '不存在', '不涉及', '不属于',
    '并非', '并没有', '不用', '不再', '免于', '谈不上', '唔会', '唔', '冇', '不至于',
    // en
    'not', 'never', "won't", 'wont', 'will not', "don't", 'do not', "doesn't", 'does not', 'no one', 'nobody',
    'cannot', "can't", 'cant', 'no', "isn't", "aren't", 'neither', 'nor', 'without', "shouldn't", "wouldn't",
    "didn't", 'did not', 'not going to', 'prohibited from', 'will never', 'under no circumstances',
  ],
  /** A 不/not that belongs to a condition on the debtor ("如果不还", "if you don't pay") negates nothing after it. */
  condition: [
    '再不', '如果不', '要是不', '若不', '假如不', '只要不', '一旦不', '倘若不', '不还', '不交', '不接', '不回', '不处理',
    '不配合', '不理', '不付', '不缴', '不结清', '不出面', '不按时', '不想还', '不愿', '没钱', '没有钱',
    '还不上', '还不起', '拖着不', '不肯', '不听', '唔还', '唔俾', '冇钱', '不把钱',
    '不主动', '不及时', '不马上', '不立即', '不赶紧', '不今天', '不还清',
    "if you don't", 'if you do not', "if you can't", 'if you cannot', 'if you fail', 'unless', 'if not', "if it isn't",
    "if this isn't", "if you won't", "don't pay", "didn't pay", 'not paid', "haven't paid", 'have not paid', "don't respond",
    "don't call", "won't pay", 'refuse to pay', 'no payment', "if we don't", 'if we do not', "if i don't", 'if i do not',
    "if we can't", 'if we cannot', "if i can't", 'if i cannot', "if we haven't", "if we didn't", "don't hear back",
    "can't reach you", 'cannot reach you', "if there's no", 'if there is no', 'if no',
  ],
  /** Markers of a consequence: a negation before them does not reach the act after them. */
  consequence: ['就', '便', '则', '才', '那就', '否则', '不然', '要不然', '然后', '那么', '的话', 'then', 'or else', 'otherwise', 'or'],
  /** Rhetorical questions and double negatives assert the act (难道要我们去你家?). */
  assertive: ['难道', '你以为', '你当', '不怕', '信不信', '是不是想', '别以为', '不是不', '不信', '就不怕', '还想不', 'do you think we won', "don't think we won", "don't make us", "don't think we can't"],
  /** Reported speech: the draft repeats what someone else said; the sender is not claiming it. */
  reported: [
    '您说', '你说', '您提到', '你提到', '您刚才说', '您刚说', '您讲', '你讲', '您表示', '您称', '客户称', '客户说', '客户表示',
    '您自己说', '你自己说', '自己说过', '您也说', '你也说', '您问', '你问', '您担心', '您觉得', '您认为', '您说过', '你话', '您的意思是', '您反映', '您投诉',
    'you said', 'you say', 'you mentioned', 'you told', 'you asked', 'you claim', 'you stated', 'you feel', 'you think',
    'you worry', 'you are worried', "you're worried", 'you wrote', 'you suggested', 'you believe',
  ],
  /** Words that contain a reported-speech cue without reporting anything (你说话像放屁 is the sender's insult). */
  notReported: ['你说话', '您说话', '你说明', '您说明', '说话算话', '你说的话不算', '你说谎', '您说谎', '你说到做到'],
  /** Fraud warnings: authorities named as impostors, never as the sender. Reach: the whole sentence. */
  fraudWarning: [
    '冒充', '假冒', '谨防', '警惕', '防骗', '防诈', '诈骗电话', '诈骗短信', '诈骗分子', '不法分子', '骗子冒充', '自称是', '自称', '反诈',
    'scam', 'scammer', 'scammers', 'fraudster', 'fraudsters', 'beware', 'impersonat*', 'pretend*', 'posing as', 'phishing',
    'claiming to be', 'claim to be', 'claims to be', 'fraudulent', 'not from us', 'not affiliated with', 'watch out for',
  ],
  /** Conjunctions that open a new clause even without punctuation. */
  clauseBreak: ['但', '但是', '不过', '可是', '然而', '只是', 'but', 'however', 'although'],
} as const;

export type CueKind = keyof typeof CUES;
export const CUE_KINDS = Object.keys(CUES) as CueKind[];
