import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { theme } from 'antd';

/**
 * A line of text in the console's frame (brand, header, user menu), styled like antd's
 * `Typography.Text` from the theme's tokens. The frame is part of every first load, and
 * `Typography` brings its editing and copying code (antd's TextArea and input modules) with it;
 * pages, loaded on demand, keep using `Typography`.
 */
export function ShellText({
  strong,
  ellipsis,
  type,
  style,
  children,
  ...rest
}: { strong?: boolean; ellipsis?: boolean; type?: 'secondary'; style?: CSSProperties; children: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  const { token } = theme.useToken();
  const shape: CSSProperties = {
    color: type === 'secondary' ? token.colorTextSecondary : token.colorText,
    fontWeight: strong ? token.fontWeightStrong : undefined,
    ...(ellipsis
      ? { display: 'inline-block', maxWidth: '100%', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', verticalAlign: 'bottom' }
      : {}),
  };
  // A style that leaves a property undefined (`color: inverted ? '#fff' : undefined`) keeps the theme's.
  const merged: CSSProperties = { ...shape };
  for (const [key, value] of Object.entries(style ?? {})) if (value !== undefined) Object.assign(merged, { [key]: value });
  return (
    <span {...rest} style={merged}>
      {children}
    </span>
  );
}

/** A heading in the frame's notices (`Typography.Title` level 3, from the theme's tokens). */
export function ShellHeading({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <h3 style={{ margin: 0, color: token.colorTextHeading, fontSize: token.fontSizeHeading3, lineHeight: token.lineHeightHeading3, fontWeight: token.fontWeightStrong }}>
      {children}
    </h3>
  );
}
