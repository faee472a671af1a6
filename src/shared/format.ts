// Numbers as Vietnamese readers expect them ("1,2 MB", "1.234").

const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${decimal.format(value)} ${units[unit]}`;
}

export const formatCount = (n: number): string => new Intl.NumberFormat('vi-VN').format(n);
