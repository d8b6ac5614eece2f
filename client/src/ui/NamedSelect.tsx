/** A drop-down of named records (units, sites) by id; the empty choice reads `placeholder` and means null. */
export function NamedSelect({
  name,
  value,
  options,
  placeholder,
  onChange,
}: {
  name: string;
  value: number | null;
  options: ReadonlyArray<{ id: number; name: string }>;
  placeholder: string;
  onChange: (id: number | null) => void;
}) {
  return (
    <select name={name} value={value ?? ''} onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}>
      <option value="">{placeholder}</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </select>
  );
}
