import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import { cameraAvailable, scanQrFromCamera } from '../../shared/qr-reader';

/** True where the page can open the camera; QR codes are then read natively or with jsQR (iPhones). */
export function canScanWithCamera(): boolean {
  return cameraAvailable();
}

/**
 * Reads a QR code from the back camera and reports the first content it sees: the browser's
 * BarcodeDetector where it has one, jsQR on camera frames elsewhere (Safari and WeChat on iPhones).
 * Typing the code always works too.
 */
export function CameraScanner({ onRead, failedText }: { onRead: (text: string) => void; failedText: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    scanQrFromCamera(() => video.current, onRead, abort.signal).catch(() => !abort.signal.aborted && setFailed(true));
    return () => abort.abort();
  }, [onRead]);
  if (failed) return <Alert type="warning" showIcon title={failedText} />;
  return <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 280, borderRadius: 8, background: '#000' }} />;
}
