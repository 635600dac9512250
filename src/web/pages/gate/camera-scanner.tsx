import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';

// The Barcode Detection API is not in TypeScript's DOM library yet.
interface DetectedCode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedCode[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** True where the browser can read QR codes from the camera by itself. */
export function canScanWithCamera(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

/**
 * Reads a QR code from the back camera with the browser's BarcodeDetector and reports the first
 * content it sees. Only offered where the browser has it; typing the code always works.
 */
export function CameraScanner({ onRead, failedText }: { onRead: (text: string) => void; failedText: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let live = true;
    const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorCtor }).BarcodeDetector;
    const detector = new Detector({ formats: ['qr_code'] });
    void navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!live || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        const tick = async () => {
          if (!live || !video.current) return;
          const [code] = await detector.detect(video.current).catch(() => []);
          if (code?.rawValue) onRead(code.rawValue);
          else timer = window.setTimeout(() => void tick(), 250);
        };
        void tick();
      })
      .catch(() => setFailed(true));
    return () => {
      live = false;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onRead]);
  if (failed) return <Alert type="warning" showIcon title={failedText} />;
  return <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 280, borderRadius: 8, background: '#000' }} />;
}
