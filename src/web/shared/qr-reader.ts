// Reading QR codes from camera frames on every phone. Chrome on Android has the browser's own
// BarcodeDetector (fast, native); Safari and WeChat on iPhones do not, so there frames are drawn
// on a canvas and decoded with jsQR, loaded only when a camera scan starts (it is not part of
// any page's first load).

interface DetectedCode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedCode[]>;
}
interface BarcodeDetectorCtor {
  new (options?: { formats?: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

/** Reads the current frame of a playing video; resolves to the QR text or null when none is seen. */
export type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

/** Longest side of the frame handed to jsQR: enough for a tag at arm's length, fast on old phones. */
const MAX_SIDE = 720;

/** True where a page can use the camera at all (a secure page with getUserMedia). */
export function cameraAvailable(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext !== false && Boolean(navigator.mediaDevices?.getUserMedia);
}

async function nativeReader(): Promise<FrameReader | null> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
    if (!formats.includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => {
      const [code] = await detector.detect(video).catch(() => []);
      return code?.rawValue.trim() || null;
    };
  } catch {
    return null;
  }
}

async function jsqrReader(): Promise<FrameReader> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  return async (video) => {
    const { videoWidth: w, videoHeight: h } = video;
    if (!w || !h) return null;
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    // Printed tags are dark on light: skipping the inverted pass halves the work per frame.
    const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    return code?.data.trim() || null;
  };
}

/** The best QR reader this browser has: its own BarcodeDetector, else jsQR. */
export async function createFrameReader(): Promise<FrameReader> {
  return (await nativeReader()) ?? jsqrReader();
}

/**
 * Opens the back camera into the video element (asked for once the camera is open, so a dialog
 * may still be mounting it) and reads frames until a QR code is seen (`onRead`) or `signal`
 * aborts; the camera is released either way. Rejects when the camera cannot be opened.
 */
export async function scanQrFromCamera(videoOf: () => HTMLVideoElement | null, onRead: (text: string) => void, signal: AbortSignal): Promise<void> {
  const [reader, stream] = await Promise.all([createFrameReader(), navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })]);
  const stop = () => stream.getTracks().forEach((track) => track.stop());
  const video = videoOf();
  if (signal.aborted) return stop();
  if (!video) {
    stop();
    throw new Error('no video element');
  }
  signal.addEventListener('abort', stop, { once: true });
  video.srcObject = stream;
  await video.play();
  let timer = 0;
  signal.addEventListener('abort', () => window.clearTimeout(timer), { once: true });
  const tick = async () => {
    if (signal.aborted) return;
    const text = await reader(video).catch(() => null);
    if (signal.aborted) return;
    if (text) onRead(text);
    else timer = window.setTimeout(() => void tick(), 200);
  };
  void tick();
}
