// Runs once in vitest's main process before any worker starts (placeholder; the emulator adds CA set-up).
export default async function setup(): Promise<void> {}
