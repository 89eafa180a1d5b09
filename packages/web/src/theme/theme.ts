import type { ThemeConfig } from 'antd';

/**
 * A sober, official look: a deep civic blue, small radii and Chinese system fonts first. The colours
 * meet WCAG AA contrast for text on white.
 */
export const BRAND_BLUE = '#1f4e8c';
export const HEADER_BG = '#143a6b';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    colorInfo: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
    colorBgLayout: '#f2f4f7',
    // The info tint derived from the deep brand blue is too heavy for notices; use a pale one.
    colorInfoBg: '#eef3fa',
    colorInfoBorder: '#c5d3e8',
  },
  components: {
    Layout: { headerBg: HEADER_BG, headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 2, itemMarginInline: 0, itemSelectedBg: '#e8eef7', itemSelectedColor: BRAND_BLUE },
  },
};
