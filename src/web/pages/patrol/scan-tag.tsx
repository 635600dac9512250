import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';
import { cameraAvailable, scanQrFromCamera } from '../../shared/qr-reader';
import { useSecurityI18n } from './use-security-i18n';

// Web NFC is not in TypeScript's DOM library yet.
interface NdefRecordLike {
  recordType: string;
  data?: DataView;
  encoding?: string;
}
interface NdefReaderLike {
  scan(options?: { signal?: AbortSignal }): Promise<void>;
  onreading: ((event: { message: { records: NdefRecordLike[] }; serialNumber?: string }) => void) | null;
  onreadingerror: (() => void) | null;
}
type NdefReaderCtor = new () => NdefReaderLike;

const ndefReader = (): NdefReaderCtor | undefined => (window as unknown as { NDEFReader?: NdefReaderCtor }).NDEFReader;

/** Whether this browser can scan QR codes with the camera (natively or with jsQR) and read NFC tags (Web NFC). */
export function scanSupport(): { qr: boolean; nfc: boolean } {
  return { qr: cameraAvailable(), nfc: typeof window !== 'undefined' && Boolean(ndefReader()) };
}

/** The checkpoint id a tag carries: its first text or URL record, else its serial number. */
function tagFromNdef(records: NdefRecordLike[], serial?: string): string | null {
  for (const r of records) {
    if ((r.recordType === 'text' || r.recordType === 'url') && r.data) return new TextDecoder(r.encoding ?? 'utf-8').decode(r.data).trim();
  }
  return serial ? serial.replace(/:/g, '').toUpperCase() : null;
}

/**
 * Reads a checkpoint tag: the back camera (the browser's QR detector, or jsQR on iPhones), or the phone's NFC
 * reader. Calls `onRead` with the tag id, or shows why it could not and lets the guard type it.
 */
export function ScanTag({ mode, onRead, onClose }: { mode: 'qr' | 'nfc'; onRead: (tag: string) => void; onClose: () => void }) {
  const { t } = useSecurityI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const read = useRef(onRead);
  useEffect(() => {
    read.current = onRead;
  }, [onRead]);

  useEffect(() => {
    const abort = new AbortController();
    if (mode === 'qr') {
      scanQrFromCamera(() => video.current, (value) => read.current(value), abort.signal).catch(() => !abort.signal.aborted && setError(t('scan.cameraFailed')));
    } else {
      const Reader = ndefReader();
      if (!Reader) return setError(t('scan.nfcFailed'));
      const reader = new Reader();
      reader.onreading = (event) => {
        const tag = tagFromNdef(event.message.records, event.serialNumber);
        if (tag) read.current(tag);
        else setError(t('scan.nfcEmpty'));
      };
      reader.onreadingerror = () => setError(t('scan.nfcFailed'));
      reader.scan({ signal: abort.signal }).catch(() => setError(t('scan.nfcFailed')));
    }
    return () => abort.abort();
  }, [mode, t]);

  return (
    <Modal open title={mode === 'qr' ? t('scan.title') : t('round.scanNfc')} onCancel={onClose} footer={<Button size="large" onClick={onClose}>{t('common.cancel')}</Button>} destroyOnHidden>
      {error ? <Alert type="warning" showIcon title={error} /> : null}
      {mode === 'qr' && !error ? (
        <>
          <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000', aspectRatio: '1 / 1', objectFit: 'cover' }} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('scan.hint')}
          </Typography.Paragraph>
        </>
      ) : null}
      {mode === 'nfc' && !error ? <Typography.Paragraph style={{ fontSize: 17 }}>{t('scan.nfcHint')}</Typography.Paragraph> : null}
    </Modal>
  );
}
