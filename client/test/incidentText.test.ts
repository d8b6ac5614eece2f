import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { IncidentCause, IncidentClosing } from '@diemcau/shared';
import { en } from '../src/i18n/en';
import { vi } from '../src/i18n/vi';
import { incidentResolution, incidentSummary } from '../src/technician/incidents/incidentText';

async function translator(language: 'vi' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('incident texts: the bridge sends codes, the screens say them (Art. 8.2)', () => {
  it('Art. 8.2: an automatic incident is described by its cause and its closing, in Vietnamese and in English', async () => {
    const [tVi, tEn] = await Promise.all([translator('vi'), translator('en')]);
    const dropout = { summary: '', cause: 'dropout' as const, resolution: '', closedBecause: 'meeting-ended' as const };
    expect(incidentSummary(dropout, tVi)).toBe('Mất kết nối với điểm cầu trung tâm');
    expect(incidentSummary(dropout, tEn)).toBe('Lost the connection to the central bridge');
    expect(incidentResolution(dropout, tVi)).toBe('Phiên họp đã kết thúc');
    expect(incidentResolution(dropout, tEn)).toBe('The meeting ended');
  });

  it('Art. 8.2: every cause and closing code has words in both languages', async () => {
    for (const t of await Promise.all([translator('vi'), translator('en')])) {
      for (const cause of IncidentCause.options) expect(incidentSummary({ summary: '', cause }, t)).not.toMatch(/technician\.incidents/);
      for (const closedBecause of IncidentClosing.options)
        expect(incidentResolution({ resolution: '', closedBecause }, t)).not.toMatch(/technician\.incidents/);
    }
  });

  it('Art. 8.2: what a person wrote is shown as written, and an incident still open has no closing', async () => {
    const t = await translator('vi');
    expect(incidentSummary({ summary: 'Micrô chủ tọa bị rè', cause: null }, t)).toBe('Micrô chủ tọa bị rè');
    expect(incidentResolution({ resolution: 'Đã thay bộ chuyển mạch', closedBecause: 'reconnected' }, t)).toBe('Đã thay bộ chuyển mạch');
    expect(incidentResolution({ resolution: '', closedBecause: null }, t)).toBe('');
  });
});
