SELECT
  `t5`.`service_id`,
  `t5`.`remand_pk`,
  `t5`.`remand_id`,
  `t5`.`child_pk`,
  `t3`.`child_id`,
  `t5`.`start_date`,
  `t5`.`end_date`,
  `t5`.`nights`
FROM (
  SELECT
    `t0`.`service_id`,
    `t0`.`id` AS `remand_pk`,
    `t0`.`reference` AS `remand_id`,
    `t0`.`child_id` AS `child_pk`,
    `t0`.`remand_type`,
    `t0`.`start_date`,
    `t0`.`end_date`,
    DATEDIFF(
      DAY,
      GREATEST(`t0`.`start_date`, MAKE_DATE(2024, 1, 1)),
      LEAST(COALESCE(`t0`.`end_date`, MAKE_DATE(2024, 4, 1)), MAKE_DATE(2024, 4, 1))
    ) AS `nights`
  FROM `offending_remand` AS `t0`
  WHERE
    `t0`.`remand_type` = 'youth_detention'
    AND DATEDIFF(
      DAY,
      GREATEST(`t0`.`start_date`, MAKE_DATE(2024, 1, 1)),
      LEAST(COALESCE(`t0`.`end_date`, MAKE_DATE(2024, 4, 1)), MAKE_DATE(2024, 4, 1))
    ) > 0
) AS `t5`
INNER JOIN (
  SELECT
    `t1`.`service_id`,
    `t1`.`id` AS `child_pk`,
    `t1`.`reference` AS `child_id`,
    `t1`.`date_of_birth` AS `dob`,
    `t1`.`sex`,
    `t1`.`ethnicity`,
    COALESCE(`t1`.`prior_substantive_outcome`, FALSE) AS `prior`,
    `t1`.`send_status`
  FROM `people_child` AS `t1`
) AS `t3`
  ON `t5`.`child_pk` = `t3`.`child_pk` AND `t5`.`service_id` = `t3`.`service_id`
