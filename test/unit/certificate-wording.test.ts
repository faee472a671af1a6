// The words a certificate prints: the achievement line from the deed (its subject dropped, shortened at a word),
// the name as addressed, the decision, the award and the signer's title.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACHIEVEMENT_MAX, achievementLine, awardHeading, decisionLine, printedName, signerTitle,
} from '../../src/server/certificates/wording';

test('achievement: the deed\'s first sentence, its subject dropped, as the continuation of "Đã có thành tích"', () => {
  assert.is(achievementLine('Chị Mai đã lao xuống suối cứu hai cháu nhỏ bị nước lũ cuốn trôi. Sau đó chị đưa các cháu về nhà.', 'Hai cháu được cứu sống.'),
    'Đã có thành tích lao xuống suối cứu hai cháu nhỏ bị nước lũ cuốn trôi');
  assert.is(achievementLine('Cứu người bị nạn trong trận lũ quét\nngày 14/7', 'x'), 'Đã có thành tích cứu người bị nạn trong trận lũ quét');
  assert.is(achievementLine('Đã hiến 300 m² đất làm đường vào bản!', 'x'), 'Đã có thành tích hiến 300 m² đất làm đường vào bản');
  assert.is(achievementLine('Hội Phụ nữ bản Nà Ún vận động xoá nhà tạm', 'x'), 'Đã có thành tích Hội Phụ nữ bản Nà Ún vận động xoá nhà tạm',
    'a name keeps its capitals');
});

test('achievement: too long → the result when it fits, else the deed cut at a word with "…"', () => {
  const long = `Anh Páo đã ${'vận động bà con trong bản góp công góp của '.repeat(6)}làm đường.`;
  assert.is(achievementLine(long, 'Con đường bê tông dài 2 km đã hoàn thành trước Tết.'),
    'Đã có thành tích con đường bê tông dài 2 km đã hoàn thành trước Tết');
  const cut = achievementLine(long, `Kết quả ${'rất '.repeat(60)}tốt.`);
  const after = cut.slice('Đã có thành tích '.length);
  assert.ok(after.length <= ACHIEVEMENT_MAX, `${after.length}`);
  assert.ok(after.endsWith('…'));
  assert.ok(after.startsWith('vận động bà con'));
  assert.not.match(after, / …$/, 'cut at a word, no space before the ellipsis');
});

test('name, decision, award, signer', () => {
  assert.is(printedName(' Lò  Thị\nMai '), 'Lò Thị Mai');
  assert.is(decisionLine('125/QĐ-UBND', '2026-12-05'), 'Quyết định số 125/QĐ-UBND ngày 05/12/2026');
  assert.is(awardHeading('Giấy khen của Chủ tịch Ủy ban nhân dân xã'), 'TẶNG GIẤY KHEN');
  assert.is(awardHeading('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh'), 'TẶNG BẰNG KHEN');
  assert.is(awardHeading('Gia đình văn hóa'), 'CÔNG NHẬN DANH HIỆU GIA ĐÌNH VĂN HÓA');
  assert.is(signerTitle('Chủ tịch Ủy ban nhân dân xã Mường Kim'), 'CHỦ TỊCH');
  assert.is(signerTitle('Chủ tịch UBND tỉnh Lai Châu'), 'CHỦ TỊCH');
});

test.run();
