import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Modal, Spin } from 'antd';
import type { PatrolRoute } from '../../api/security';
import { useI18n } from '../../i18n/i18n-context';
import './tag-sheet.css';

const TEXTS = {
  'zh-CN': { title: '打印巡更点标签：{route}', print: '打印（A4，每页 12 个）', close: '关闭' },
  'en-US': { title: 'Print checkpoint tags: {route}', print: 'Print (A4, 12 a page)', close: 'Close' },
} as const;

/**
 * The checkpoint QR tags of a route as a printable A4 sheet (name, QR code of the tag id, the id in
 * print for typing). The QR library is loaded only when a sheet is opened.
 */
export function TagSheet({ route, onClose }: { route: PatrolRoute; onClose: () => void }) {
  const { locale } = useI18n();
  const text = TEXTS[locale];
  const [svgs, setSvgs] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async ({ default: QRCode }) => {
      const out = await Promise.all(route.checkpoints.map((c) => QRCode.toString(c.tagId, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })));
      if (live) setSvgs(out);
    });
    return () => {
      live = false;
    };
  }, [route]);
  return (
    <Modal
      open
      width={860}
      title={text.title.replace('{route}', route.name)}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>{text.close}</Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!svgs} onClick={() => window.print()} data-testid="print-tags">
          {text.print}
        </Button>,
      ]}
    >
      {svgs ? (
        <>
          <Tags route={route} svgs={svgs} className="patrol-tag-sheet patrol-tag-preview" testId="tag-sheet" />
          {/* The printed copy hangs off <body>, so no dialog's position or transform moves it on paper. */}
          {createPortal(<Tags route={route} svgs={svgs} className="patrol-tag-sheet patrol-tag-print" />, document.body)}
        </>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

function Tags({ route, svgs, className, testId }: { route: PatrolRoute; svgs: string[]; className: string; testId?: string }) {
  return (
    <div className={className} data-testid={testId}>
      {route.checkpoints.map((c, i) => (
        <div className="patrol-tag" key={c.id}>
          {/* The SVG is made here from the tag id by the QR library, not from user HTML. */}
          <div dangerouslySetInnerHTML={{ __html: svgs[i] ?? '' }} />
          <div className="patrol-tag-name">{c.name}</div>
          <div className="patrol-tag-id">{c.tagId}</div>
          <div className="patrol-tag-route">{route.name}</div>
        </div>
      ))}
    </div>
  );
}
