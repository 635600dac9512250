import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

/** What a parent can do with a signature pad. */
export interface SignaturePadHandle {
  clear: () => void;
  /** The drawing as a PNG (white background), or null when nothing was drawn. */
  toPng: () => Promise<Blob | null>;
}

interface SignaturePadProps {
  ref?: Ref<SignaturePadHandle>;
  /** Called with true after the first stroke and false after clearing. */
  onInkChange?: (hasInk: boolean) => void;
  height?: number;
  /** Accessible name of the drawing area. */
  label: string;
}

/**
 * A pad to sign on with a finger, pen or mouse (pointer events, so touch and mouse work alike).
 * Strokes are smoothed with quadratic curves; the canvas keeps its drawing sharp on high-DPI
 * phones by scaling its backing store to the device pixel ratio.
 */
export function SignaturePad({ ref, onInkChange, height = 180, label }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const points = useRef<{ x: number; y: number }[]>([]);
  const hasInk = useRef(false);
  const onInk = useRef(onInkChange);
  useEffect(() => {
    onInk.current = onInkChange;
  }, [onInkChange]);

  // Size the backing store to the element and the pixel ratio, so strokes stay sharp on phones.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      // Layout width, not the on-screen box: a dialog's opening zoom must not resize the pad.
      const width = Math.round(canvas.offsetWidth * ratio);
      const tall = Math.round(height * ratio);
      if (width === 0 || (canvas.width === width && canvas.height === tall)) return;
      // Keep what was drawn across a resize (rotation, print preview, screenshots), scaled.
      let kept: HTMLCanvasElement | null = null;
      if (hasInk.current && canvas.width > 0) {
        kept = document.createElement('canvas');
        kept.width = canvas.width;
        kept.height = canvas.height;
        kept.getContext('2d')?.drawImage(canvas, 0, 0);
      }
      canvas.width = width;
      canvas.height = tall;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      if (kept) ctx.drawImage(kept, 0, 0, width, tall);
      ctx.scale(ratio, ratio);
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#1f1f1f';
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [height]);

  const position = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const canvas = event.currentTarget;
    const rect = canvas.getBoundingClientRect();
    // Undo any CSS transform (a dialog still zooming in) so strokes land under the pointer.
    const sx = rect.width ? canvas.offsetWidth / rect.width : 1;
    const sy = rect.height ? canvas.offsetHeight / rect.height : 1;
    return { x: (event.clientX - rect.left) * sx, y: (event.clientY - rect.top) * sy };
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const p = position(event);
    points.current = [p];
    const ctx = event.currentTarget.getContext('2d');
    if (!ctx) return;
    // A dot for a tap.
    ctx.beginPath();
    ctx.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
    ctx.fillStyle = '#1f1f1f';
    ctx.fill();
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = event.currentTarget.getContext('2d');
    if (!ctx) return;
    const p = position(event);
    const list = points.current;
    list.push(p);
    if (list.length < 3) return;
    const [a, b, c] = list.slice(-3) as [typeof p, typeof p, typeof p];
    ctx.beginPath();
    ctx.moveTo((a.x + b.x) / 2, (a.y + b.y) / 2);
    ctx.quadraticCurveTo(b.x, b.y, (b.x + c.x) / 2, (b.y + c.y) / 2);
    ctx.stroke();
    if (!hasInk.current) {
      hasInk.current = true;
      onInk.current?.(true);
    }
  };

  const onPointerUp = () => {
    drawing.current = false;
    points.current = [];
  };

  useImperativeHandle(
    ref,
    () => ({
      clear: () => {
        const canvas = canvasRef.current;
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx) return;
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.restore();
        hasInk.current = false;
        onInk.current?.(false);
      },
      toPng: async () => {
        const canvas = canvasRef.current;
        if (!canvas || !hasInk.current) return null;
        // Flatten onto white so the PNG reads well when printed or shown on dark backgrounds.
        const out = document.createElement('canvas');
        out.width = canvas.width;
        out.height = canvas.height;
        const ctx = out.getContext('2d');
        if (!ctx) return null;
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, out.width, out.height);
        ctx.drawImage(canvas, 0, 0);
        return new Promise((resolve) => out.toBlob((blob) => resolve(blob), 'image/png'));
      },
    }),
    [],
  );

  return (
    <canvas
      ref={canvasRef}
      role="img"
      aria-label={label}
      data-testid="signature-pad"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      style={{
        width: '100%',
        height,
        display: 'block',
        touchAction: 'none',
        border: '1px dashed #bfbfbf',
        borderRadius: 8,
        background: '#fafafa',
        cursor: 'crosshair',
      }}
    />
  );
}
