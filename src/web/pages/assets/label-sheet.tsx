import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Modal, Spin } from 'antd';
import { assetPagePath } from '../../../common/assets';
import type { Asset } from '../../api/assets';
import { useAssetsI18n } from './use-assets-i18n';
import './label-sheet.css';

/** The address a label's QR code holds: the asset's page in this console, so a phone's camera opens it. */
export const labelUrl = (id: string) => `${window.location.origin}${assetPagePath(id)}`;

/**
 * The QR labels of assets as a printable A4 sheet (24 a page): code, name, category and
 * community beside a QR code of the asset's console page. The QR library loads only when a sheet
 * is opened (as the patrol tag sheet does).
 */
export function LabelSheet({ assets, cut, onClose }: { assets: Asset[]; cut: boolean; onClose: () => void }) {
  const { t } = useAssetsI18n();
  const [svgs, setSvgs] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async ({ default: QRCode }) => {
      const out = await Promise.all(assets.map((a) => QRCode.toString(labelUrl(a.id), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })));
      if (live) setSvgs(out);
    });
    return () => {
      live = false;
    };
  }, [assets]);
  return (
    <Modal
      open
      width={860}
      title={t('sheet.title', { n: assets.length })}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('sheet.close')}
        </Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!svgs || !assets.length} onClick={() => window.print()} data-testid="asset-print">
          {t('sheet.print')}
        </Button>,
      ]}
    >
      {cut ? <Alert type="warning" showIcon title={t('sheet.cut', { n: assets.length })} style={{ marginBottom: 12 }} /> : null}
      {!assets.length ? (
        <Empty description={t('sheet.none')} />
      ) : svgs ? (
        <div style={{ maxHeight: '65vh', overflow: 'auto' }}>
          <Labels assets={assets} svgs={svgs} className="asset-label-sheet" testId="asset-label-sheet" />
          {/* The printed copy hangs off <body>, so no dialog's position or transform moves it on paper. */}
          {createPortal(<Labels assets={assets} svgs={svgs} className="asset-label-sheet asset-label-print" />, document.body)}
        </div>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

function Labels({ assets, svgs, className, testId }: { assets: Asset[]; svgs: string[]; className: string; testId?: string }) {
  const { category } = useAssetsI18n();
  return (
    <div className={className} data-testid={testId}>
      {assets.map((a, i) => (
        <div className="asset-label" key={a.id}>
          {/* The SVG is made here from the asset's address by the QR library, not from user HTML. */}
          <div className="asset-label-qr" dangerouslySetInnerHTML={{ __html: svgs[i] ?? '' }} />
          <div className="asset-label-text">
            <span className="asset-label-code">{a.code}</span>
            <span className="asset-label-name">{a.name}</span>
            <span className="asset-label-meta">
              {category(a.category)} · {a.communityName}
            </span>
          </div>
        </div>
      ))}
    </div>
  );
}
