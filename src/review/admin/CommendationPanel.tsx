// "Thiết lập khen thưởng": what a new proposal batch starts with, and where certificates print on their blanks.
import { CalibrationEditor } from './CalibrationEditor';
import { CommendationDefaults } from './CommendationDefaults';

export function CommendationPanel() {
  return (
    <div class="commendation-settings">
      <CommendationDefaults />
      <CalibrationEditor />
    </div>
  );
}
