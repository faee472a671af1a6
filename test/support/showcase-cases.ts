// The README screenshots' data: the people of six Lai Châu communes, fifteen cases in every status, dated
// relative to the day the screenshots are made (received `daysAgo`, each step `after` days later).
import type { CaseFields } from '../../src/shared/case-schema';
import type { TransitionTarget } from '../../src/shared/appraisal';
import type { Scene } from './painted-photos';

export interface Person { username: string; displayName: string }
export interface Commune { code: string; reporter: Person; reviewer: Person }

export const COMMUNES = {
  muongKim: { code: '03637', reporter: { username: 'vang.a.su', displayName: 'Vàng A Sử' }, reviewer: { username: 'tong.van.hac', displayName: 'Tòng Văn Hặc' } },
  thanUyen: { code: '03595', reporter: { username: 'hoang.thi.duyen', displayName: 'Hoàng Thị Duyên' }, reviewer: { username: 'do.thu.ha', displayName: 'Đỗ Thị Thu Hà' } },
  taLeng: { code: '03405', reporter: { username: 'sung.a.pao', displayName: 'Sùng A Páo' }, reviewer: { username: 'chao.thi.lai', displayName: 'Chảo Thị Lai' } },
  sinHo: { code: '03478', reporter: { username: 'lau.a.sang', displayName: 'Lầu A Sang' }, reviewer: { username: 'lo.van.thuong', displayName: 'Lò Văn Thưởng' } },
  phongTho: { code: '03549', reporter: { username: 'lu.thi.nhung', displayName: 'Lù Thị Nhung' }, reviewer: { username: 'tan.van.sieu', displayName: 'Tẩn Văn Siểu' } },
  muongTe: { code: '03445', reporter: { username: 'po.thi.my', displayName: 'Pờ Thị Mỵ' }, reviewer: { username: 'lo.thi.huong', displayName: 'Lò Thị Hương' } },
} satisfies Record<string, Commune>;
export type CommuneKey = keyof typeof COMMUNES;

export const PROVINCE_REVIEWER: Person = { username: 'luong.thi.hoa', displayName: 'Lường Thị Hoa (Ban Thi đua – Khen thưởng)' };
export const ADMIN: Person = { username: 'ha.van.quan', displayName: 'Hà Văn Quân' };

export interface ShowcasePhoto { scene: Scene; caption: string }

export type Step =
  | { to: TransitionTarget; after: number; comment?: string; formId?: string; decisionNumber?: string }
  /** The reporter's corrected revision of a returned case: changed fields and photos added. */
  | { to: 'resubmit'; after: number; change: Partial<CaseFields>; addPhotos: ShowcasePhoto[] };

export interface ShowcaseCase {
  commune: CommuneKey;
  daysAgo: number;
  fields: Partial<CaseFields>;
  photos?: ShowcasePhoto[];
  steps: Step[];
}

const XA = 'giay_khen_chu_tich_ubnd_xa';
const TINH = 'bang_khen_chu_tich_ubnd_tinh';
const person = (gender: 'nam' | 'nu', birthYear: number, ethnicityCode: string) => ({ subjectKind: 'ca-nhan' as const, gender, birthYear, ethnicityCode });
const group = (kind: 'tap-the' | 'ho-gia-dinh') => ({ subjectKind: kind, gender: undefined, birthYear: undefined, ethnicityCode: undefined });
const THAI = '03', HMONG = '08', DAO = '09', HA_NHI = '35', LA_HU = '41';

/** The case page's example: returned for a confirmation, resubmitted with it and a third photo, then proposed. */
export const FEATURED: ShowcaseCase = {
  commune: 'taLeng', daysAgo: 38,
  fields: {
    ...person('nam', 1984, HMONG), subjectName: 'Giàng A Chứ', subjectCategoryId: 'nguoi-dan', village: 'Bản Phìn Hồ',
    movementId: 'dan-van-kheo', fieldOfLifeId: 'cuu-nguoi', deedPlace: 'Đồi sau bản Phìn Hồ',
    deedDescription: 'Khoảng 2 giờ sáng, giữa trận mưa lớn kéo dài, anh Chứ thấy vết nứt dài trên đồi sau bản. Anh đánh kẻng báo động, cùng tổ thanh niên gõ cửa từng nhà, đưa 9 hộ với 41 người (12 trẻ em, 3 người già) ra nhà văn hóa bản trước khi đất đá đổ xuống.',
    result: 'Khoảng 40 phút sau, đất đá vùi lấp 3 ngôi nhà; không ai bị thương.',
    proposedFormId: TINH, awardTypeId: 'dot_xuat', consentPublication: true,
  },
  photos: [
    { scene: 'landslide', caption: 'Đồi sạt lở sau bản Phìn Hồ' },
    { scene: 'village', caption: 'Nhà văn hóa bản, nơi 9 hộ tạm lánh' },
  ],
  steps: [
    { to: 'appraising', after: 1 },
    { to: 'returned', after: 2, comment: 'Đề nghị bổ sung xác nhận của trưởng bản và ảnh hiện trường sau khi đất đá đổ xuống.' },
    {
      to: 'resubmit', after: 4,
      change: {
        village: 'Bản Phìn Hồ (nhóm hộ Sáng Tùng)',
        result: 'Khoảng 40 phút sau, đất đá vùi lấp 3 ngôi nhà; 41 người an toàn, không ai bị thương. Có xác nhận của trưởng bản Phìn Hồ và biên bản kiểm tra của UBND xã.',
      },
      addPhotos: [{ scene: 'terraces', caption: 'Khu tái định cư tạm của các hộ, sau khi đất đá đổ xuống' }],
    },
    { to: 'proposed', after: 3, formId: TINH },
  ],
};

export const SHOWCASE: ShowcaseCase[] = [
  FEATURED,
  {
    commune: 'muongKim', daysAgo: 150,
    fields: {
      ...person('nam', 1979, THAI), subjectName: 'Lò Văn Pầng', subjectCategoryId: 'nguoi-dan', village: 'Bản Nà Cóc',
      movementId: 'dan-van-kheo', fieldOfLifeId: 'cuu-nguoi', deedPlace: 'Lòng hồ thủy điện Bản Chát',
      deedDescription: 'Đang đánh cá trên lòng hồ, anh Pầng thấy một thuyền chở 4 người bị lật giữa cơn gió lốc. Anh chèo thuyền tới, kéo từng người lên rồi đưa cả bốn vào bờ.',
      result: 'Bốn người, trong đó có hai học sinh, được cứu sống.', proposedFormId: XA, consentPublication: true,
    },
    photos: [{ scene: 'flood', caption: 'Lòng hồ Bản Chát, nơi thuyền bị lật' }, { scene: 'bridge', caption: 'Bến thuyền bản Nà Cóc' }],
    steps: [{ to: 'appraising', after: 2 }, { to: 'proposed', after: 5 }, { to: 'commended', after: 9, decisionNumber: '112/QĐ-UBND' }, { to: 'published', after: 3 }],
  },
  {
    commune: 'phongTho', daysAgo: 24,
    fields: {
      ...person('nu', 1972, DAO), subjectName: 'Tẩn Thị Mẩy', subjectCategoryId: 'lao-dong-truc-tiep', village: 'Bản Sin Câu',
      movementId: 'ntm-giam-ngheo', fieldOfLifeId: 'van-hoa',
      deedDescription: 'Chị Mẩy giữ nghề thêu thổ cẩm của người Dao đỏ, mở lớp dạy miễn phí cho 32 chị em trong bản và lập tổ hợp tác bán sản phẩm cho khách du lịch.',
      result: 'Mỗi thành viên của tổ có thêm khoảng 2 triệu đồng mỗi tháng; 5 hộ đã thoát nghèo.', proposedFormId: XA, consentPublication: true,
    },
    photos: [{ scene: 'weaving', caption: 'Lớp thêu thổ cẩm ở nhà chị Mẩy' }, { scene: 'village', caption: 'Bản Sin Câu' }],
    steps: [{ to: 'appraising', after: 3 }, { to: 'proposed', after: 6 }, { to: 'commended', after: 10, decisionNumber: '57/QĐ-UBND' }, { to: 'published', after: 2 }],
  },
  {
    commune: 'sinHo', daysAgo: 2,
    fields: {
      ...group('tap-the'), subjectName: 'Tổ thanh niên tình nguyện bản Sì Thâu Chải', subjectCategoryId: 'hoc-sinh', village: 'Bản Sì Thâu Chải',
      movementId: 'ntm-giam-ngheo', fieldOfLifeId: 'giao-thong',
      deedDescription: 'Tổ 15 đoàn viên góp 320 ngày công cùng bà con mở 1,2 km đường đất vào khu sản xuất và đổ bê tông 200 m dốc trước điểm trường.',
      result: 'Xe máy vào được bản cả mùa mưa; học sinh không phải lội bùn tới lớp.', proposedFormId: XA,
    },
    steps: [],
  },
  {
    commune: 'thanUyen', daysAgo: 4,
    fields: {
      ...person('nam', 1990, THAI), subjectName: 'Lường Văn Hải', subjectCategoryId: 'nguoi-dan', village: 'Bản Mè',
      movementId: 'hoc-tap-bac-ho', fieldOfLifeId: 'an-ninh',
      deedDescription: 'Anh Hải nhặt được chiếc túi có 25 triệu đồng và giấy tờ tùy thân ở chợ phiên, đã mang đến công an xã để trả lại người đánh rơi.',
      result: 'Người đánh rơi nhận lại đủ tiền và giấy tờ.', proposedFormId: XA,
    },
    steps: [{ to: 'appraising', after: 1 }],
  },
  {
    commune: 'sinHo', daysAgo: 80,
    fields: {
      ...person('nu', 2008, HMONG), subjectName: 'Vàng Thị Dợ', subjectCategoryId: 'hoc-sinh', village: 'Bản Nậm Tăm',
      movementId: 'hoc-tap-bac-ho', fieldOfLifeId: 'giao-duc',
      deedDescription: 'Em Dợ mồ côi cha, vừa học vừa giúp mẹ làm nương, đạt giải Nhì học sinh giỏi tỉnh môn Toán và mỗi tối kèm học miễn phí cho 8 em nhỏ trong bản.',
      result: 'Cả 8 em được kèm đều lên lớp.', proposedFormId: XA,
    },
    steps: [{ to: 'appraising', after: 2 }, { to: 'proposed', after: 4 }],
  },
  {
    commune: 'thanUyen', daysAgo: 200,
    fields: {
      ...person('nu', 1966, THAI), subjectName: 'Cầm Thị Xuân', subjectCategoryId: 'nguoi-dan', village: 'Bản Nà Khương',
      movementId: 'ntm-giam-ngheo', fieldOfLifeId: 'nong-nghiep',
      deedDescription: 'Bà Xuân tự nguyện hiến 450 m² đất vườn và dỡ hàng rào để mở rộng đường liên bản Nà Khương – Hua Nà.',
      result: 'Đường được mở rộng lên 5 m, làm xong trước mùa mưa.', proposedFormId: XA,
    },
    steps: [{ to: 'appraising', after: 4 }, { to: 'proposed', after: 7 }, { to: 'commended', after: 12, decisionNumber: '31/QĐ-UBND' }],
  },
  {
    commune: 'muongTe', daysAgo: 6,
    fields: {
      ...person('nu', 1975, HA_NHI), subjectName: 'Chu Thị Mé', subjectCategoryId: 'nguoi-dan', village: 'Bản Nậm Củm',
      movementId: 'vi-nguoi-ngheo', fieldOfLifeId: 'den-on-dap-nghia',
      deedDescription: 'Bà Mé nhận nuôi ba cháu mồ côi trong bản, lo cho các cháu ăn học suốt sáu năm dù gia đình còn nhiều khó khăn.',
      result: 'Ba cháu đều đi học đầy đủ; cháu lớn đã vào lớp 10.', proposedFormId: XA,
    },
    steps: [],
  },
  {
    commune: 'phongTho', daysAgo: 35,
    fields: {
      ...group('ho-gia-dinh'), subjectName: 'Hộ gia đình ông Lù Văn Páo', subjectCategoryId: 'lao-dong-truc-tiep', village: 'Bản Lả Chà',
      movementId: 'ntm-giam-ngheo', fieldOfLifeId: 'kinh-te',
      deedDescription: 'Gia đình ông Páo trồng 3 ha thảo quả dưới tán rừng và nhân giống miễn phí cho 14 hộ trong bản.',
      result: 'Thu khoảng 180 triệu đồng mỗi năm; 14 hộ có cây giống không mất tiền.', proposedFormId: XA,
    },
    steps: [
      { to: 'appraising', after: 3 },
      { to: 'rejected', after: 6, comment: 'Mô hình đã được khen năm trước; đề nghị xét trong đợt tổng kết phong trào.' },
    ],
  },
  {
    commune: 'muongTe', daysAgo: 27,
    fields: {
      ...person('nam', 1988, LA_HU), subjectName: 'Lý Gạ Xá', subjectCategoryId: 'luc-luong-vu-trang', village: 'Bản Pa Ủ',
      workplaceOrRole: 'Dân quân thường trực xã', movementId: 'hoc-tap-bac-ho', fieldOfLifeId: 'phong-chong-toi-pham',
      deedDescription: 'Anh Xá phát hiện hai người lạ mang hàng cấm qua đường mòn gần biên giới, bám theo, báo đồn biên phòng và cùng tổ công tác bắt giữ.',
      result: 'Thu giữ 2 bánh heroin; hai đối tượng bị khởi tố.', proposedFormId: TINH,
    },
    steps: [{ to: 'appraising', after: 1 }, { to: 'proposed', after: 5 }],
  },
  {
    commune: 'muongKim', daysAgo: 11,
    fields: {
      ...person('nam', 1970, THAI), subjectName: 'Hoàng Văn Thắng', subjectCategoryId: 'can-bo-co-so', village: 'Bản Hua Pầu',
      workplaceOrRole: 'Trưởng bản Hua Pầu', movementId: 'ntm-giam-ngheo', fieldOfLifeId: 'giao-thong',
      deedDescription: 'Anh Thắng vận động 36 hộ góp công, góp gỗ sửa lại cây cầu treo qua suối Nậm Kim bị lũ làm hỏng.',
      result: 'Cầu thông sau 10 ngày; hơn 200 học sinh và người dân qua lại an toàn.', proposedFormId: XA,
    },
    steps: [{ to: 'appraising', after: 2 }],
  },
  {
    commune: 'muongKim', daysAgo: 30,
    fields: {
      ...person('nu', 1993, THAI), subjectName: 'Điêu Thị Lả', subjectCategoryId: 'can-bo-co-so', village: 'Bản Phiêng Cằm',
      workplaceOrRole: 'Nhân viên y tế bản', movementId: 'dan-van-kheo', fieldOfLifeId: 'y-te',
      deedDescription: 'Đêm mưa lũ, chị Lả cùng người nhà đưa một sản phụ khó sinh vượt 6 km đường sạt lở ra trạm y tế, vừa đi vừa theo dõi và sơ cứu.',
      result: 'Mẹ tròn con vuông; sản phụ được chuyển lên bệnh viện kịp thời.', proposedFormId: XA, consentPublication: true,
    },
    steps: [{ to: 'appraising', after: 2 }, { to: 'proposed', after: 3 }, { to: 'commended', after: 8, decisionNumber: '74/QĐ-UBND' }],
  },
  {
    commune: 'taLeng', daysAgo: 8,
    fields: {
      ...person('nam', 1996, HMONG), subjectName: 'Sùng A Lử', subjectCategoryId: 'nguoi-dan', village: 'Bản Lùng Thàng',
      movementId: 'dan-van-kheo', fieldOfLifeId: 'moi-truong',
      deedDescription: 'Thấy đám cháy ở rừng phòng hộ giáp bản, anh Lử gọi thêm 10 thanh niên mang dao, cành cây dập lửa và khoanh vùng cháy trong đêm.',
      result: 'Ngọn lửa được dập tắt, giữ lại khoảng 15 ha rừng phòng hộ.', proposedFormId: XA,
    },
    steps: [
      { to: 'appraising', after: 1 },
      { to: 'returned', after: 3, comment: 'Cần xác nhận của Ban quản lý rừng phòng hộ về diện tích rừng được giữ lại.' },
    ],
  },
  {
    commune: 'phongTho', daysAgo: 12,
    fields: {
      ...person('nu', 1985, DAO), subjectName: 'Lý Thị Chiêm', subjectCategoryId: 'can-bo-co-so', village: 'Bản Sì Choang',
      workplaceOrRole: 'Chi hội trưởng phụ nữ bản', movementId: 'dan-van-kheo', fieldOfLifeId: 'van-hoa',
      deedDescription: 'Chị Chiêm đến từng nhà vận động, ngăn được 4 đám tảo hôn trong năm và đưa 6 em gái trở lại trường.',
      result: 'Bản không còn trường hợp tảo hôn trong năm học.', proposedFormId: XA,
    },
    steps: [],
  },
  {
    commune: 'sinHo', daysAgo: 55,
    fields: {
      ...person('nam', 1999, HMONG), subjectName: 'Thào A Dình', subjectCategoryId: 'luc-luong-vu-trang', village: 'Bản Chang Phìn',
      workplaceOrRole: 'Dân quân thường trực xã', movementId: 'hoc-tap-bac-ho', fieldOfLifeId: 'cuu-nguoi',
      deedDescription: 'Khi lũ ống tràn qua bản, anh Dình cùng tổ dân quân lội nước dìu 7 người già và trẻ nhỏ lên chỗ cao, rồi cứu 12 con trâu, bò bị nước cuốn.',
      result: 'Không có thương vong về người; tài sản của 5 hộ được giữ lại.', proposedFormId: XA,
    },
    steps: [{ to: 'appraising', after: 2 }],
  },
];
