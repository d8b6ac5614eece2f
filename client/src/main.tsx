import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { KioskScreen } from './kiosk/KioskScreen';

/** One page per screen, chosen by path. */
function Screen() {
  const path = window.location.pathname;
  if (path.startsWith('/kiosk')) return <KioskScreen />;
  return <Home />;
}

function Home() {
  return (
    <main style={{ fontFamily: 'Noto Sans, sans-serif', padding: '2rem' }}>
      <h1>Điểm cầu — diemcau</h1>
      <p>Mở đường dẫn điểm cầu (kiosk) do Văn phòng cấp: npm run cli -- kiosk-link &lt;mã điểm cầu&gt;</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Screen />
  </StrictMode>,
);
