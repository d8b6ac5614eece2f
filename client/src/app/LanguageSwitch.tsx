import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

const languages: ReadonlyArray<{ code: Language; label: string; name: string }> = [
  { code: 'vi', label: 'VI', name: 'Tiếng Việt' },
  { code: 'en', label: 'EN', name: 'English' },
];

/** Two buttons, each named in its own language, so anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {languages.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          title={language.name}
          aria-label={language.name}
          aria-pressed={i18n.language === language.code}
          onClick={() => setLanguage(language.code)}
        >
          {language.label}
        </button>
      ))}
    </div>
  );
}
