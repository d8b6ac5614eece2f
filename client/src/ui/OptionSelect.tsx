/** A drop-down of fixed choices (a shared enum's options), each shown by its translated label. */
export function OptionSelect<Option extends string>({
  name,
  value,
  options,
  label,
  onChange,
}: {
  name: string;
  value: Option;
  options: readonly Option[];
  label: (option: Option) => string;
  onChange: (option: Option) => void;
}) {
  return (
    <select
      name={name}
      value={value}
      onChange={(event) => {
        const chosen = options.find((option) => option === event.target.value);
        if (chosen !== undefined) onChange(chosen);
      }}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {label(option)}
        </option>
      ))}
    </select>
  );
}
