/// <reference types="vite-plugin-pwa/client" />
/**
 * Service worker registration (vite-plugin-pwa, generateSW, registerType
 * 'prompt'): the app shell, Monaco and the workers are precached, so after
 * one visit dumplens loads and analyzes with no network. A new version waits
 * until the user accepts the "reload" prompt (UpdatePrompt).
 */
import { registerSW } from 'virtual:pwa-register';
import type { AppStore } from '../store/app-store';

export function registerServiceWorker(store: AppStore): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
    return;
  }
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh() {
      store.getState().setApplyUpdate(() => void updateSW(true));
    },
    onRegisterError() {
      // No offline support (e.g. a browser that blocks service workers): the app still works online.
    },
  });
}
