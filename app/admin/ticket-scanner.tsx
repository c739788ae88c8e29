import { useEffect, useRef, useState } from "react";

/** The slice of the Barcode Detection API we use (not yet in TypeScript's DOM types). */
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorCtor = new (opts: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | null {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  return typeof ctor === "function" && typeof navigator !== "undefined" && Boolean(navigator.mediaDevices?.getUserMedia) ? ctor : null;
}

/**
 * Camera scanning where the browser can do it (BarcodeDetector + camera); renders nothing
 * otherwise, leaving the typed-code form as the way in.
 */
export function TicketScanner({ onCode }: { onCode: (code: string) => void }) {
  const [supported, setSupported] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => setSupported(detectorClass() !== null), []);

  useEffect(() => {
    const Detector = detectorClass();
    if (!scanning || !Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ["qr_code"] });
    const tick = async () => {
      if (stopped || !videoRef.current) return;
      try {
        const [hit] = await detector.detect(videoRef.current);
        if (hit?.rawValue) {
          setScanning(false);
          onCodeRef.current(hit.rawValue);
          return;
        }
      } catch {
        // A frame that isn't ready yet; try the next one.
      }
      timer = setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !videoRef.current) return;
        videoRef.current.srcObject = s;
        await videoRef.current.play();
        void tick();
      })
      .catch(() => {
        setProblem("The camera isn't available. Type the code under the QR instead.");
        setScanning(false);
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [scanning]);

  if (!supported) return null;
  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={() => {
          setProblem(null);
          setScanning((v) => !v);
        }}
        className="w-full rounded-md bg-slate-900 px-4 py-3 text-base font-semibold text-white hover:bg-slate-800 sm:w-auto"
      >
        {scanning ? "Stop camera" : "Scan ticket with camera"}
      </button>
      {scanning && <video ref={videoRef} className="aspect-square w-full max-w-sm rounded-lg bg-black object-cover" muted playsInline aria-label="Camera view: hold the ticket's QR code in the frame" />}
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
