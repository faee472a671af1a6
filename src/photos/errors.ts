// The one error a photo can fail with, shared by the worker (which throws it) and the page (which shows it).

export type PhotoErrorCode = 'not-image' | 'too-large' | 'corrupt' | 'aborted';

/** What the worker knew when it failed; `reason` is for developers and logs, never shown as is. */
export interface PhotoErrorDetail {
  width?: number;
  height?: number;
  maxPixels?: number;
  bytes?: number;
  maxBytes?: number;
  /** 'crashed' when the worker itself died; 'missing' when its script could not be loaded. */
  reason?: string;
}

/** Sent on window when the photo worker's script is gone (src/field/pwa/stale-code.ts shows the update banner). */
export const WORKER_MISSING_EVENT = 'photos:worker-missing';

const millions = (n: number): string => `${Math.round(n / 1e6)} triệu`;
const megabytes = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;

function messageFor(code: PhotoErrorCode, d: PhotoErrorDetail): string {
  switch (code) {
    case 'not-image':
      return 'Tệp này không phải là ảnh. Hãy chọn ảnh chụp (JPEG, PNG…).';
    case 'too-large': {
      const size = d.width && d.height && d.maxPixels
        ? `${d.width} × ${d.height} điểm ảnh, tối đa ${millions(d.maxPixels)} điểm ảnh`
        : d.bytes && d.maxBytes ? `tệp ${megabytes(d.bytes)}, tối đa ${megabytes(d.maxBytes)}` : 'vượt giới hạn';
      return `Ảnh quá lớn để xử lý trên máy này (${size}). Hãy chọn ảnh nhỏ hơn.`;
    }
    case 'corrupt':
      return d.reason === 'crashed'
        ? 'Không xử lý được ảnh: bộ xử lý ảnh bị dừng đột ngột. Hãy thử lại.'
        : d.reason === 'missing'
          ? 'Không xử lý được ảnh: đã có phiên bản mới của ứng dụng. Hãy bấm “Cập nhật” rồi chọn lại ảnh.'
          : 'Không đọc được ảnh: tệp có thể bị hỏng.';
    case 'aborted':
      return 'Đã hủy xử lý ảnh.';
  }
}

export class PhotoError extends Error {
  override readonly name = 'PhotoError';
  readonly code: PhotoErrorCode;
  readonly detail: PhotoErrorDetail;

  constructor(code: PhotoErrorCode, detail: PhotoErrorDetail = {}) {
    super(messageFor(code, detail));
    this.code = code;
    this.detail = detail;
  }
}
