// The part of `web-push` (which ships no types) that src/notify/push.ts uses.
declare module "web-push" {
  interface PushSubscription {
    endpoint: string;
    keys: { p256dh: string; auth: string };
  }
  interface VapidDetails {
    subject: string;
    publicKey: string;
    privateKey: string;
  }
  interface RequestOptions {
    vapidDetails?: VapidDetails;
    TTL?: number;
    contentEncoding?: "aes128gcm" | "aesgcm";
    timeout?: number;
  }
  interface RequestDetails {
    method: string;
    headers: Record<string, string | number>;
    body: Buffer | null;
    endpoint: string;
  }
  function generateVAPIDKeys(): { publicKey: string; privateKey: string };
  function generateRequestDetails(sub: PushSubscription, payload: string, options: RequestOptions): RequestDetails;
  function sendNotification(sub: PushSubscription, payload: string, options: RequestOptions): Promise<{ statusCode: number }>;
  const webpush: { generateVAPIDKeys: typeof generateVAPIDKeys; generateRequestDetails: typeof generateRequestDetails; sendNotification: typeof sendNotification };
  export default webpush;
}
