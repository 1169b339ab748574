/** What both peers accept as an upload: the client checks before sending, the engine on arrival. */

/** File extensions (lower case, no dot) of the media the protocol accepts. */
export const ACCEPTED_EXTENSIONS = [
  'mp4', 'mov', 'avi', 'webm', 'mkv', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'mp3', 'wav', 'm4a', 'aac',
] as const;

export type AcceptedExtension = typeof ACCEPTED_EXTENSIONS[number];

/** The size limit per file. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
